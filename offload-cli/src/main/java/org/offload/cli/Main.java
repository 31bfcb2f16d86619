package org.offload.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.List;
import java.util.concurrent.Callable;
import org.offload.io.ScenarioFileException;
import org.offload.learn.DatasetException;
import org.offload.policy.PolicyOptionException;
import org.offload.policy.PolicyRegistry;
import org.offload.scenario.ScenarioException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code offload} command. Exit codes: {@value #OK} success, {@value #BAD_INPUT} bad input (command line,
 * scenario file, unknown policy, malformed dataset), {@value #INTERNAL_ERROR} internal or I/O error. Only
 * {@link #main} exits the JVM; tests call {@link #execute}.
 */
@Command(name = "offload", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Edge-cloud task-offloading simulator.",
        synopsisSubcommandLabel = "COMMAND",
        footer = {"", "Run 'offload COMMAND --help' for a command's options."})
public final class Main implements Callable<Integer> {
    public static final int OK = 0;
    public static final int INTERNAL_ERROR = 1;
    public static final int BAD_INPUT = 2;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Print the stack trace of internal errors.")
    boolean debug;

    @Spec
    CommandSpec spec;

    private boolean interactive;

    /**
     * The subcommands, in the order {@code --help} lists them. New commands ({@code bench}, {@code sweep},
     * {@code report}) are added here and nowhere else.
     */
    static List<Object> subcommands() {
        return List.of(new RunCommand(), new ValidateCommand(), new PoliciesCommand(), new BenchCommand(),
                new SweepCommand(), new ReportCommand(), new DatasetCommand(), new TrainCommand(), new AigcCommand(),
                new ProfileCommand(), new ServeCommand(), new LoadtestCommand());
    }

    /** The policies commands may choose from. */
    static PolicyRegistry policyRegistry() {
        return PolicyRegistry.builtIn();
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs {@code offload args} on the process's standard streams and returns the exit code. */
    public static int execute(String... args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        return execute(out, err, System.console() != null, args);
    }

    /** Runs {@code offload args} writing to {@code out} and {@code err}, without progress bars. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        return execute(out, err, false, args);
    }

    private static int execute(PrintWriter out, PrintWriter err, boolean interactive, String... args) {
        try {
            return commandLine(out, err, interactive).execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The configured command tree; {@code interactive} enables progress bars. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, boolean interactive) {
        Main main = new Main();
        main.interactive = interactive;
        CommandLine cl = new CommandLine(main);
        cl.addSubcommand(new CommandLine.HelpCommand());
        for (Object sub : subcommands()) {
            cl.addSubcommand(sub);
        }
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionStrategy(new CommandLine.RunLast());
        cl.setParameterExceptionHandler(Main::parameterError);
        cl.setExecutionExceptionHandler(Main::executionError);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setUsageHelpAutoWidth(true);
        return cl;
    }

    /** Whether {@code command} (any command of a tree built here) may draw progress bars. */
    static boolean interactive(CommandSpec command) {
        CommandSpec root = command;
        while (root.parent() != null) {
            root = root.parent();
        }
        return root.userObject() instanceof Main m && m.interactive;
    }

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        cl.getErr().println("offload: missing command");
        cl.usage(cl.getErr());
        return BAD_INPUT;
    }

    private static int parameterError(ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println(cl.getCommandSpec().qualifiedName() + ": " + e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
        return BAD_INPUT;
    }

    private static int executionError(Exception e, CommandLine cl, ParseResult parsed) {
        PrintWriter err = cl.getErr();
        boolean debug = debugRequested(parsed);
        if (e instanceof UsageException || e instanceof ScenarioFileException || e instanceof ScenarioException
                || e instanceof PolicyOptionException || e instanceof DatasetException) {
            err.println("offload: " + e.getMessage());
            if (debug) {
                e.printStackTrace(err);
            }
            return BAD_INPUT;
        }
        Throwable io = e instanceof UncheckedIOException u ? u.getCause() : e;
        if (io instanceof IOException) {
            err.println("offload: I/O error: " + ioMessage((IOException) io));
        } else {
            err.println("offload: internal error: " + message(e));
        }
        if (debug) {
            e.printStackTrace(err);
        } else {
            err.println("offload: run with --debug for the stack trace");
        }
        return INTERNAL_ERROR;
    }

    private static boolean debugRequested(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }

    private static String ioMessage(IOException e) {
        if (e instanceof FileSystemException f && f.getFile() != null) {
            String why = f.getReason() != null ? f.getReason()
                    : f instanceof FileAlreadyExistsException ? "already exists"
                    : f instanceof NoSuchFileException ? "no such file or directory"
                    : f instanceof AccessDeniedException ? "permission denied"
                    : f instanceof NotDirectoryException ? "not a directory"
                    : f.getClass().getSimpleName();
            return f.getFile() + (f.getOtherFile() != null ? " -> " + f.getOtherFile() : "") + ": " + why;
        }
        return message(e);
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getName() : m;
    }
}
