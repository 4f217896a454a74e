package dev.chaosagent.cli;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import dev.chaosagent.control.ControlDoor;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code java -jar chaos-agent.jar COMMAND}: the game-day console for JVMs on this machine, in
 * containers too, from the host, with the PIDs the host sees. Before anything reaches a PID, it is
 * verified to be a JVM of the caller's ({@link JvmProcess}); only {@code attach} uses the attach API.
 * Exit codes: 0 success, 2 bad usage, a bad spec or a file that is not a journal, 1 the target JVM cannot
 * be reached or the report cannot be written.
 */
public final class ChaosCli {

    /** Each command's usage line and what it does. */
    static final Map<String, String[]> COMMANDS = new java.util.LinkedHashMap<>();

    static {
        COMMANDS.put("jvms", new String[] {"jvms", "list the JVMs on this machine: PID, main class or jar, agent=yes|no"});
        COMMANDS.put("attach", new String[] {"attach PID [OPTIONS]",
                "load chaos-agent into a running JVM; OPTIONS as for -javaagent, e.g. config=/etc/chaos/plan.yaml,seed=42"});
        COMMANDS.put("rules", new String[] {"rules PID", "show every rule with its state, counters and time left"});
        COMMANDS.put("add", new String[] {"add PID SPEC",
                "add a rule, or replace the rule of the same name; quote the spec, e.g.\n"
                        + "      add 4242 'name=slow target=com.acme.Client#fetch latency=800ms probability=0.3'\n"
                        + "      rules added at run time expire after 30m unless they give a ttl"});
        COMMANDS.put("remove", new String[] {"remove PID NAME", "remove a rule and release what it retained"});
        COMMANDS.put("enable", new String[] {"enable PID [NAME]", "enable a rule; without NAME, turn the master switch on"});
        COMMANDS.put("disable", new String[] {"disable PID [NAME]", "disable a rule; without NAME, turn the master switch off"});
        COMMANDS.put("stop", new String[] {"stop PID", "the kill switch: remove every rule and restore all bytecode"});
        COMMANDS.put("journal", new String[] {"journal PID", "print the experiment's journal, one JSON object per line"});
        COMMANDS.put("experiment", new String[] {"experiment PID", "show the plan's experiment: plan, phase, state, verdict so far"});
        COMMANDS.put("abort", new String[] {"abort PID", "abort the experiment: every rule of its plan stops at once"});
        COMMANDS.put("resume", new String[] {"resume PID", "re-arm an aborted experiment, with an empty window"});
        COMMANDS.put("report", new String[] {"report JOURNAL [-o FILE]",
                "write a journal file's postmortem as one self-contained HTML page: the verdict, a timeline, the phases;\n"
                        + "      FILE defaults to the journal's name with .html, e.g. journal.jsonl -> journal.html"});
    }

    private static final Duration AGENT_WAIT = Duration.ofSeconds(10);

    private final PrintStream out;
    private final PrintStream err;

    ChaosCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new ChaosCli(System.out, System.err).run(args));
    }

    int run(String[] args) {
        try {
            execute(args);
            return 0;
        } catch (CliException e) {
            err.println("chaos-agent: " + e.getMessage());
            return e.exitCode();
        } catch (NoClassDefFoundError e) {
            err.println("chaos-agent: this Java has no attach API (module jdk.attach): run the CLI with a JDK, not a JRE");
            return CliException.UNREACHABLE;
        }
    }

    private void execute(String[] args) throws CliException {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            out.print(usage());
            if (args.length == 0) {
                throw new CliException(CliException.BAD_USAGE, "no command given");
            }
            return;
        }
        String command = args[0];
        String[] usage = COMMANDS.get(command);
        if (usage == null) {
            throw new CliException(CliException.BAD_USAGE, "unknown command " + command + " (expected one of "
                    + String.join(", ", COMMANDS.keySet()) + "; see --help)");
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        if (rest.contains("--help") || rest.contains("-h")) {
            out.println("usage: java -jar chaos-agent.jar " + usage[0]);
            out.println("  " + usage[1]);
            return;
        }
        if (command.equals("jvms")) {
            requireArguments(command, rest, 0, 0);
            jvms();
            return;
        }
        if (command.equals("report")) {
            new ReportCommand(out).run(rest);
            return;
        }
        requireArguments(command, rest, 1, command.equals("attach") || command.equals("add") ? Integer.MAX_VALUE : 2);
        String pid = pid(rest.get(0));
        switch (command) {
            case "attach" -> attach(pid, String.join(",", rest.subList(1, rest.size())));
            case "rules" -> withAgent(pid, agent -> out.print(agent.describe()));
            case "add" -> {
                requireArguments(command, rest, 2, Integer.MAX_VALUE);
                String spec = String.join(" ", rest.subList(1, rest.size()));
                withAgent(pid, agent -> out.println("added " + agent.addRule(spec)));
            }
            case "remove" -> {
                requireArguments(command, rest, 2, 2);
                withAgent(pid, agent -> expectRule(agent.removeRule(rest.get(1)), agent, rest.get(1), "removed "));
            }
            case "enable", "disable" -> switchOn(pid, command.equals("enable"), rest.size() > 1 ? rest.get(1) : null);
            case "stop" -> withAgent(pid, agent -> {
                int rules = agent.ruleNames().length;
                agent.stopAll();
                out.println("kill switch: " + rules + (rules == 1 ? " rule" : " rules") + " removed, original bytecode restored");
            });
            case "journal" -> withAgent(pid, agent -> out.print(agent.journal()));
            case "experiment", "abort", "resume" -> {
                requireArguments(command, rest, 1, 1);
                withAgent(pid, agent -> out.println(agent.experiment(command)));
            }
            default -> throw new IllegalStateException(command);
        }
    }

    private void switchOn(String pid, boolean on, String name) throws CliException {
        withAgent(pid, agent -> {
            if (name == null) {
                agent.setEnabled(on);
                out.println("master switch " + (on ? "on" : "off"));
            } else {
                expectRule(on ? agent.enableRule(name) : agent.disableRule(name), agent, name, on ? "enabled " : "disabled ");
            }
        });
    }

    private void expectRule(boolean done, AgentDoor agent, String name, String verb) throws CliException {
        if (!done) {
            String[] names = agent.ruleNames();
            throw new CliException(CliException.BAD_USAGE, "no rule named " + name + " that can be " + verb.trim()
                    + " (rules: " + (names.length == 0 ? "none" : String.join(", ", names)) + ")");
        }
        out.println(verb + name);
    }

    private interface AgentAction {
        void run(AgentDoor agent) throws CliException;
    }

    /**
     * Runs an action against the agent in {@code pid}. A bad spec or name raised by the agent
     * arrives as a plain IllegalArgumentException, which is bad usage (2).
     */
    private void withAgent(String pid, AgentAction action) throws CliException {
        AgentDoor agent = AgentDoor.open(JvmProcess.verify(pid));
        try {
            action.run(agent);
        } catch (IllegalArgumentException e) {
            throw new CliException(CliException.BAD_USAGE, e.getMessage());
        } catch (UncheckedIOException e) {
            throw new CliException(CliException.UNREACHABLE, "lost JVM " + pid + ": " + e.getCause().getMessage());
        }
    }

    private void attach(String pid, String options) throws CliException {
        JvmProcess jvm = JvmProcess.verify(pid);
        try (TargetJvm target = TargetJvm.attach(jvm)) {
            int java = target.javaVersion();
            if (java < 17) {
                throw new CliException(CliException.UNREACHABLE, "JVM " + pid + " runs Java " + java
                        + "; chaos-agent needs Java 17 or later");
            }
            String version = target.agentVersion();
            if (version != null) {
                out.println("chaos-agent " + version + " is already attached to JVM " + pid + "; nothing changed"
                        + (options.isEmpty() ? "" : " (options " + options + " ignored)"));
                return;
            }
            target.loadAgent(VisibleJar.placeFor(jvm, agentJar(), version()), options);
            awaitAgent(jvm, target);
            out.println("chaos-agent attached to JVM " + pid + (options.isEmpty() ? "" : " with " + options)
                    + "; see its rules with: java -jar chaos-agent.jar rules " + pid);
        }
    }

    /**
     * The agent has started once its version property is set (a start that failed never sets it),
     * and the CLI can reach it once its doors' thread has made the door. Its socket is left for the
     * next command to knock: chaos-junit's attach, the most common, never uses it.
     */
    private static void awaitAgent(JvmProcess jvm, TargetJvm target) throws CliException {
        if (target.agentVersion() == null) {
            throw new CliException(CliException.UNREACHABLE, "the agent in JVM " + jvm.pid() + " did not start"
                    + " (its stderr says why, in chaos-agent: lines)");
        }
        AgentDoor door = AgentDoor.of(jvm);
        long deadline = System.nanoTime() + AGENT_WAIT.toNanos();
        while (!door.isMade()) {
            if (System.nanoTime() > deadline) {
                throw new CliException(CliException.UNREACHABLE, "the agent in JVM " + jvm.pid() + " did not make its door at "
                        + jvm.seen(ControlDoor.path(jvm.namespacePid())) + " (its stderr says why, in chaos-agent: lines)");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException(CliException.UNREACHABLE, "interrupted while waiting for the agent in JVM " + jvm.pid());
            }
        }
    }

    /** Nothing is attached to: {@code agent=yes} is the agent's door answering. */
    private void jvms() {
        String self = Long.toString(ProcessHandle.current().pid());
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"PID", "MAIN", "AGENT"});
        jvmsAndCommands().forEach((jvm, command) -> {
            if (!jvm.pid().equals(self)) {
                String main = command == null || command.isBlank() ? "(unknown)" : command.split(" ")[0];
                rows.add(new String[] {jvm.pid(), main, AgentDoor.of(jvm).isOpen() ? "agent=yes" : "agent=no"});
            }
        });
        out.print(table(rows));
    }

    /**
     * The caller's JVMs, each with the command it runs (main class or jar, then arguments) from its
     * jvmstat file. With /proc, the JVMs found there (see {@link JvmProcess#all()}); else the ones
     * the JDK lists from those files, each verified, as a killed JVM's file names a PID that may now
     * be anything.
     */
    private static Map<JvmProcess, String> jvmsAndCommands() {
        Map<JvmProcess, String> jvms = new java.util.LinkedHashMap<>();
        Optional<List<JvmProcess>> found = JvmProcess.all();
        if (found.isPresent()) {
            for (JvmProcess jvm : found.get()) {
                if (jvm.perfData() != null) { // one without, jps does not list either
                    jvms.put(jvm, PerfData.string(jvm.seen(jvm.perfData()), "sun.rt.javaCommand"));
                }
            }
            return jvms;
        }
        for (VirtualMachineDescriptor listed : VirtualMachine.list()) {
            try {
                jvms.put(JvmProcess.verify(listed.id()), listed.displayName());
            } catch (CliException e) {
                // not a JVM of the caller's, whatever its file says
            }
        }
        return jvms;
    }

    private static String table(List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                out.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String pid(String text) throws CliException {
        if (!text.matches("[0-9]{1,10}")) {
            throw new CliException(CliException.BAD_USAGE, "\"" + text + "\" is not a PID (expected a process id; list them with: java -jar chaos-agent.jar jvms)");
        }
        return text;
    }

    private static void requireArguments(String command, List<String> arguments, int min, int max) throws CliException {
        if (arguments.size() < min || arguments.size() > max) {
            throw new CliException(CliException.BAD_USAGE, "usage: java -jar chaos-agent.jar " + COMMANDS.get(command)[0]);
        }
    }

    private static Path agentJar() throws CliException {
        try {
            return Path.of(ChaosCli.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException | RuntimeException e) {
            throw new CliException(CliException.BAD_USAGE, "cannot tell where chaos-agent.jar is (" + e + ")");
        }
    }

    private static String version() {
        String version = ChaosCli.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    static String usage() {
        StringBuilder text = new StringBuilder("usage: java -jar chaos-agent.jar COMMAND [ARGUMENTS]\n\ncommands:\n");
        for (String[] command : COMMANDS.values()) {
            text.append(String.format("  %-22s %s%n", command[0], command[1].replace("\n", "\n  " + " ".repeat(22) + " ")));
        }
        text.append("\nCOMMAND --help shows one command. Exit codes: 0 success, 2 bad usage, a bad spec or a file that is not"
                + " a journal, 1 the target JVM cannot be reached or the report cannot be written.\n");
        return text.toString();
    }
}
