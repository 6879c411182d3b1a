package io.trailtailor.flink.cli;

import io.trailtailor.flink.input.InputLister;
import io.trailtailor.flink.output.UnusableOutput;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code trailtailor}: parse, validate (one clear line and exit 2 on a usage error), run. Exit codes: 0 done (even
 * with quarantined input), 1 the job failed, 2 usage error or unreadable input.
 */
@Command(
        name = "trailtailor",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Tailors least-privilege IAM policies and Kubernetes RBAC to what AWS workloads actually did,"
                + " from CloudTrail and EKS audit logs.",
        subcommands = {AnalyzeCommand.class, MonitorCommand.class, SelfPolicyCommand.class})
public final class Main implements Runnable {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (tests call this instead of {@link #main}). */
    public static int execute(String... args) {
        CommandLine cli = commandLine();
        return cli.execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        // The job jar for clusters leaves the synthetic-data module out; picocli would fail on these commands' types.
        if (hasGenerator()) {
            cli.addSubcommand(new GenerateCommand());
            cli.addSubcommand(new DemoCommand());
            cli.addSubcommand(new BenchCommand());
        }
        cli.addSubcommand(new CommandLine.HelpCommand());
        cli.setParameterExceptionHandler((e, args) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("trailtailor: " + e.getMessage() + " (see --help)");
            err.flush();
            return USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (e instanceof UsageError || e instanceof UnusableOutput || e instanceof InputLister.InputUnavailable) {
                err.println("trailtailor: " + e.getMessage());
                err.flush();
                return USAGE;
            }
            err.println("trailtailor: " + commandLine.getCommandName() + " failed: " + rootMessage(e));
            err.flush();
            if (System.getenv("TRAILTAILOR_DEBUG") != null) {
                e.printStackTrace(err);
            }
            return FAILED;
        });
        return cli;
    }

    private static boolean hasGenerator() {
        try {
            Class.forName("io.trailtailor.synthetic.Generator", false, Main.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "a command is required: analyze, monitor, " + "generate, demo or bench");
    }
}
