package io.trailtailor.flink.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailtailor.event.KeyFilter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** An S3 endpoint that accepts connections and never answers: listing must fail fast, naming the endpoint. */
@Timeout(60)
class S3TimeoutTest {

    private ServerSocket silent;
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startASilentServer() throws IOException {
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    held.add(silent.accept()); // read nothing, answer nothing, keep the connection open
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void stop() throws IOException {
        silent.close();
        for (Socket s : held) {
            s.close();
        }
    }

    @Test
    void listingFailsWithinTheTimeoutAndNamesTheEndpoint() {
        String endpoint = "http://127.0.0.1:" + silent.getLocalPort();
        S3Settings settings = new S3Settings("us-east-1", endpoint, true, "test", "test", Duration.ofSeconds(2));
        settings.client().close(); // the SDK's class loading is not what this test times
        Instant start = Instant.now();

        assertThatThrownBy(() -> new InputLister(KeyFilter.ALL, settings)
                        .list(List.of(InputLister.Source.cloudTrail("s3://trail-bucket/AWSLogs/"))))
                .isInstanceOf(InputLister.InputUnavailable.class)
                .hasMessage("cannot reach S3 endpoint " + endpoint
                        + " to list s3://trail-bucket/AWSLogs/: no answer within 2s (--s3-timeout)");
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(10));
        assertThat(held).as("the client did connect").isNotEmpty();
    }
}
