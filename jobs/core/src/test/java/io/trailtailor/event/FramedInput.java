package io.trailtailor.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Frames bytes with a real {@link JsonFramer} and checks the guarantees every framing keeps. */
final class FramedInput {

    private FramedInput() {}

    static List<Frame> frame(byte[] input) {
        return frame(new ByteArrayInputStream(input), input.length);
    }

    /**
     * All frames of the stream, checked to come in order, not to overlap and to lie inside the input; and as many at
     * most as the input has bytes (plus one for a trailing truncation), so a framer that stops advancing fails.
     */
    static List<Frame> frame(InputStream in, long length) {
        JsonFramer framer = new JsonFramer(in);
        List<Frame> frames = new ArrayList<>();
        long previousEnd = 0;
        try {
            Frame frame;
            while ((frame = framer.next()) != null) {
                assertThat(frame.offset())
                        .as("frame %s starts after the one before", frame)
                        .isGreaterThanOrEqualTo(previousEnd);
                assertThat(frame.end())
                        .as("frame %s ends after it starts", frame)
                        .isGreaterThanOrEqualTo(frame.offset());
                assertThat(frame.end())
                        .as("frame %s ends inside the input", frame)
                        .isLessThanOrEqualTo(length);
                if (frame instanceof Frame.Value v && v.linePrefix() == null) {
                    assertThat(v.end() - v.offset())
                            .as("a value spans its bytes")
                            .isEqualTo(v.bytes().length);
                }
                previousEnd = frame.end();
                frames.add(frame);
                assertThat(frames.size()).as("frames of %d bytes", length).isLessThanOrEqualTo((int)
                        Math.min(length + 1, Integer.MAX_VALUE));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(framer.position()).as("the whole input is consumed").isEqualTo(length);
        return frames;
    }

    /** A frame as a short text for table-driven assertions: {@code V:<json>}, {@code G:<reason>}, {@code O:<size>}. */
    static String describe(Frame frame) {
        if (frame instanceof Frame.Value v) {
            return "V:" + (v.linePrefix() == null ? "" : v.linePrefix() + "|")
                    + new String(v.bytes(), StandardCharsets.UTF_8);
        }
        if (frame instanceof Frame.Oversized o) {
            return "O:" + o.size();
        }
        return "G:" + ((Frame.Garbage) frame).reason();
    }

    /** A frame's kind and extent, for failure messages: {@code V[12,27)}. */
    static String locate(Frame frame) {
        return describe(frame).charAt(0) + "[" + frame.offset() + "," + frame.end() + ")";
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
