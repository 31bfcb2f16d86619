package org.offload.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.offload.io.ScenarioFileException;
import org.offload.learn.DatasetException;
import org.offload.policy.PolicyOptionException;
import org.offload.policy.PolicyProvider;
import org.offload.policy.PolicyRegistry;
import org.offload.policy.builtin.BuiltInPolicies;
import org.offload.scenario.ScenarioException;
import org.offload.util.Suggestions;
import picocli.CommandLine.Command;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine;

/**
 * The {@code offload} command. Exit codes: {@value #OK} success, {@value #BAD_INPUT} bad input (command line,
 * scenario file, unknown policy, malformed dataset), {@value #INTERNAL_ERROR} internal or I/O error. Only
 * {@link #main} exits the JVM; tests call {@link #execute}.
 */
@Command(name = "offload", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Edge-cloud task-offloading simulator.", resourceBundle = "org.offload.cli.help",
        synopsisSubcommandLabel = "COMMAND",
        footer = {"", "Run 'offload COMMAND --help' for a command's options."})
public final class Main implements Callable<Integer> {
    public static final int OK = 0;
    public static final int INTERNAL_ERROR = 1;
    public static final int BAD_INPUT = 2;
    /** How every error line begins. */
    static final String PREFIX = "offload: ";

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Print the stack trace of internal errors.")
    boolean debug;

    @Option(names = "--policy-jar", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "A jar that brings policies (a PolicyProvider service; see examples/custom-policy). "
                    + "Repeatable; jars on OFFLOAD_CLASSPATH are found too.")
    List<Path> policyJars;

    @Spec
    CommandSpec spec;

    private boolean interactive;

    /**
     * The subcommands, in the order {@code --help} lists them. New commands ({@code bench}, {@code sweep},
     * {@code report}) are added here and nowhere else.
     */
    static List<Object> subcommands() {
        return List.of(new RunCommand(), new ValidateCommand(), new PoliciesCommand(), new BenchCommand(),
                new SweepCommand(), new ReportCommand(), new ImportEcsCommand(), new DatasetCommand(), new TrainCommand(),
                new AigcCommand(),
                new ProfileCommand(), new ServeCommand(), new LoadtestCommand(), new CompletionCommand(),
                new ManCommand());
    }

    /**
     * The policies {@code command} may choose from: the built-in ones and those of every {@link PolicyProvider} on
     * the class path ({@code OFFLOAD_CLASSPATH}) or in a {@code --policy-jar} given on its command line. A jar that
     * cannot be read or whose provider fails is a usage error naming it.
     */
    static PolicyRegistry policyRegistry(CommandSpec command) {
        List<Path> jars = policyJars(command);
        ClassLoader loader = Main.class.getClassLoader();
        if (!jars.isEmpty()) {
            URL[] urls = new URL[jars.size()];
            for (int i = 0; i < urls.length; i++) {
                Path jar = jars.get(i);
                if (!Files.isRegularFile(jar) || !Files.isReadable(jar)) {
                    throw new UsageException("--policy-jar: " + jar + ": no such readable file");
                }
                try {
                    urls[i] = jar.toUri().toURL();
                } catch (MalformedURLException e) {
                    throw new UsageException("--policy-jar: " + jar + ": not a usable path (" + e.getMessage() + ")");
                }
            }
            loader = new URLClassLoader(urls, loader);
        }
        try {
            return BuiltInPolicies.registry().addProviders(loader);
        } catch (ServiceConfigurationError | IllegalArgumentException | LinkageError e) {
            throw new UsageException("policy provider" + (jars.isEmpty() ? " on the class path"
                    : " in " + jars.stream().map(Path::toString).collect(Collectors.joining(", "))) + ": "
                    + e.getMessage());
        }
    }

    /** The {@code --policy-jar} values on {@code command}'s command line, in order ({@link #policyRegistry}). */
    static List<Path> policyJars(CommandSpec command) {
        CommandSpec root = command;
        while (root.parent() != null) {
            root = root.parent();
        }
        List<Path> out = new ArrayList<>();
        for (ParseResult p = root.commandLine().getParseResult(); p != null; p = p.subcommand()) {
            List<Path> here = p.matchedOptionValue("--policy-jar", List.of());
            out.addAll(here);
        }
        return out;
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
        cl.setExecutionStrategy(Main::executeOrReport);
        cl.setParameterExceptionHandler(Main::parameterError);
        cl.setExecutionExceptionHandler(Main::executionError);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setUsageHelpAutoWidth(true);
        cl.setDefaultValueProvider(Main::commandDefault);
        cl.registerConverter(Integer.class, new Converters.Int()).registerConverter(int.class, new Converters.Int())
                .registerConverter(Long.class, new Converters.Long64()).registerConverter(long.class, new Converters.Long64())
                .registerConverter(Double.class, new Converters.Real()).registerConverter(double.class, new Converters.Real())
                .registerConverter(Float.class, new Converters.Real32()).registerConverter(float.class, new Converters.Real32());
        collectErrors(cl);
        return cl;
    }

    /** Parse errors are collected, not thrown, so that all of one command line's problems are reported together. */
    private static void collectErrors(CommandLine cl) {
        cl.getCommandSpec().parser().collectErrors(true);
        cl.getSubcommands().values().forEach(Main::collectErrors);
    }

    /** A default a command gives its shared options (see {@link CommonOptions.Defaults}), or null. */
    private static String commandDefault(ArgSpec arg) {
        if (arg instanceof OptionSpec o && arg.command() != null
                && arg.command().userObject() instanceof CommonOptions.Defaults d) {
            return d.optionDefaults().get(o.longestName());
        }
        return null;
    }

    /**
     * Runs the command, unless the command line has errors: then prints them, with the problems the command finds in
     * its other options ({@link CommonOptions.Checked}), and returns {@value #BAD_INPUT}.
     */
    private static int executeOrReport(ParseResult parsed) {
        List<Exception> errors = new ArrayList<>();
        CommandLine last = parsed.commandSpec().commandLine();
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            errors.addAll(p.errors());
            last = p.commandSpec().commandLine();
        }
        if (errors.isEmpty() || last.isUsageHelpRequested() || parsed.isUsageHelpRequested()) {
            return new CommandLine.RunLast().execute(parsed);
        }
        Problems problems = new Problems();
        for (Exception e : errors) {
            problems.add(e instanceof ParameterException pe ? describe(pe) : message(e));
        }
        if (last.getCommand() instanceof CommonOptions.Checked checked) {
            try {
                checked.check(problems);
            } catch (RuntimeException ignored) {
                // the parse errors are the message; a check that cannot run on a half-parsed line adds nothing
            }
        }
        PrintWriter err = last.getErr();
        problems.messages().forEach(m -> err.println(PREFIX + m));
        err.println("Try '" + last.getCommandSpec().qualifiedName() + " --help' for more information.");
        return BAD_INPUT;
    }

    /**
     * One command-line error in the wording of all errors: the option, then what was expected and what was given
     * ({@code --devices: expected a whole number >= 1, got 'abc'}); an unknown option or command with the closest
     * known one.
     */
    static String describe(ParameterException e) {
        CommandSpec command = e.getCommandLine().getCommandSpec();
        if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String arg = u.getUnmatched().get(0);
            List<String> names = new ArrayList<>();
            String what;
            if (arg.startsWith("-")) {
                command.options().forEach(o -> names.addAll(List.of(o.names())));
                arg = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                what = "unknown option '" + arg + "'" + (List.of("-V", "--version").contains(arg)
                        ? " (the version: offload --version)" : "");
            } else if (!command.subcommands().isEmpty() && command.positionalParameters().isEmpty()) {
                names.addAll(command.subcommands().keySet());
                what = "unknown command '" + arg + "'";
            } else {
                what = "unexpected argument '" + arg + "'";
            }
            return what + Suggestions.didYouMean(arg, names);
        }
        ArgSpec arg = e.getArgSpec();
        String name = arg instanceof OptionSpec o ? o.longestName() : arg != null ? arg.paramLabel() : null;
        if (e.getCause() instanceof CommandLine.TypeConversionException t && name != null) {
            return name + ": " + t.getMessage();
        }
        if (e instanceof MissingParameterException m && m.getMissing().size() == 1
                && m.getMissing().get(0) instanceof OptionSpec o && e.getMessage().startsWith("Missing required param")) {
            return o.longestName() + ": a value is missing (" + o.paramLabel() + ")";
        }
        String m = message(e);
        return Character.toLowerCase(m.charAt(0)) + m.substring(1);
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
        cl.getErr().println(PREFIX + "missing command");
        cl.usage(cl.getErr());
        return BAD_INPUT;
    }

    private static int parameterError(ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println(PREFIX + describe(e));
        err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
        return BAD_INPUT;
    }

    private static int executionError(Exception e, CommandLine cl, ParseResult parsed) {
        PrintWriter err = cl.getErr();
        boolean debug = debugRequested(parsed);
        if (e instanceof UsageException u) {
            u.problems().forEach(m -> err.println(PREFIX + m));
            if (debug) {
                e.printStackTrace(err);
            }
            return BAD_INPUT;
        }
        if (e instanceof ScenarioFileException || e instanceof ScenarioException
                || e instanceof PolicyOptionException || e instanceof DatasetException) {
            err.println(PREFIX + e.getMessage());
            if (debug) {
                e.printStackTrace(err);
            }
            return BAD_INPUT;
        }
        Throwable io = e instanceof UncheckedIOException u ? u.getCause() : e;
        if (io instanceof IOException) {
            err.println(PREFIX + "I/O error: " + ioMessage((IOException) io));
        } else {
            err.println(PREFIX + "internal error: " + message(e));
        }
        if (debug) {
            e.printStackTrace(err);
        } else {
            err.println(PREFIX + "run with --debug for the stack trace");
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
