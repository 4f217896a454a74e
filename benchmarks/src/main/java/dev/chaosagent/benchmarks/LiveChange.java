package dev.chaosagent.benchmarks;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Live change in a JVM that has loaded 1,000 or 10,000 classes: time from {@code addRule} over JMX to
 * the first injection (the rule targeting 1 class, then 100), time for {@code stopAll} to restore the
 * bytecode, the longest pause the application saw meanwhile; and the CLI's whole {@code attach} plus
 * {@code add} to the first injection.
 */
final class LiveChange {

    private static final String[] STRING = {String.class.getName()};
    private static final int CLI_ROUNDS = 3;

    private LiveChange() {
    }

    static List<Figure> measure(Path agentJar, Path work) throws Exception {
        List<Figure> figures = new ArrayList<>();
        for (int total : new int[] {1_000, 10_000}) {
            Path classes = GeneratedClasses.write(work.resolve("live-" + total), total);
            figures.addAll(overJmx(agentJar, classes, total));
        }
        figures.add(cli(agentJar, work.resolve("live-1000")));
        return figures;
    }

    private static List<Figure> overJmx(Path agentJar, Path classes, int total) throws Exception {
        List<Figure> figures = new ArrayList<>();
        try (ForkedProcess target = new ForkedProcess(ForkedProcess.java("-javaagent:" + agentJar + "=log=warn",
                "-cp", classes.toString(), LiveTarget.class.getName(), Integer.toString(total)))) {
            target.await("ready");
            try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(localJmxAddress(target.pid())))) {
                figures.addAll(overJmx(connector.getMBeanServerConnection(), target, total));
            }
        }
        return figures;
    }

    /**
     * The target's JMX connector, started by the JDK's attach API: the JVM binds it to a port it
     * picks on the loopback address and answers with its address, so that no port is guessed.
     */
    private static String localJmxAddress(long pid) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
        try {
            return vm.startLocalManagementAgent();
        } finally {
            vm.detach();
        }
    }

    private static List<Figure> overJmx(MBeanServerConnection jmx, ForkedProcess target, int total) throws Exception {
        List<Figure> figures = new ArrayList<>();
        ObjectName agent = new ObjectName("dev.chaosagent:type=ChaosAgent");
        while (!jmx.isRegistered(agent)) {
            Thread.sleep(10);
        }
        String label = String.format("%,d classes loaded", total);
        // The first rule finds Byte Buddy cold (an idle agent loads none of it); the third finds it warm.
        for (String[] rule : new String[][] {{"1 class", "gen.hot.H0#run"}, {"100 classes", "gen.hot.*#run"},
                {"1 class again", "gen.hot.H0#run"}}) {
            target.send("pause");
            target.await("pause");
            long start = System.nanoTime();
            jmx.invoke(agent, "addRule", new Object[] {"name=live target=" + rule[1] + " returns=-1"}, STRING);
            target.await("injected");
            double addMillis = (System.nanoTime() - start) / 1e6;
            start = System.nanoTime();
            jmx.invoke(agent, "stopAll", null, null);
            double stopMillis = (System.nanoTime() - start) / 1e6;
            target.await("restored");
            target.send("pause");
            long pause = Long.parseLong(target.await("pause").split(" ")[1]);
            boolean warm = rule[0].equals("1 class again");
            boolean one = !rule[0].equals("100 classes");
            figures.add(new Figure("addRule to first injection, rule on " + rule[0] + (warm ? " (warm)" : one ? " (cold)" : "") + ", "
                    + label, addMillis, "ms", warm ? "< 100 ms" : "< 1000 ms", addMillis < (warm ? 100 : 1000)));
            figures.add(new Figure("stopAll to restored bytecode, " + rule[0] + ", " + label, stopMillis, "ms",
                    one ? "< 50 ms" : "< 1000 ms", stopMillis < (one ? 50 : 1000)));
            figures.add(new Figure("longest application pause meanwhile, " + rule[0] + ", " + label, pause, "ms", "measured", true));
        }
        return figures;
    }

    /** The median of {@value #CLI_ROUNDS} rounds, each against a JVM of its own (an agent attaches once). */
    private static Figure cli(Path agentJar, Path classes) throws Exception {
        double[] millis = new double[CLI_ROUNDS];
        for (int round = 0; round < CLI_ROUNDS; round++) {
            try (ForkedProcess target = new ForkedProcess(ForkedProcess.java("-cp", classes.toString(), LiveTarget.class.getName(), "1000"))) {
                target.await("ready");
                String pid = Long.toString(target.pid());
                long start = System.nanoTime();
                cliRun(agentJar, "attach", pid, "log=warn");
                cliRun(agentJar, "add", pid, "name=cli target=gen.hot.H0#run returns=-1");
                target.await("injected");
                millis[round] = (System.nanoTime() - start) / 1e6;
            }
        }
        Arrays.sort(millis);
        double median = millis[CLI_ROUNDS / 2];
        return new Figure("CLI attach + add to first injection (median of " + CLI_ROUNDS + ")", median, "ms", "< 2000 ms", median < 2000);
    }

    private static void cliRun(Path agentJar, String... arguments) throws IOException, InterruptedException {
        List<String> command = ForkedProcess.java("-jar", agentJar.toString());
        command.addAll(List.of(arguments));
        try (ForkedProcess cli = new ForkedProcess(command)) {
            if (cli.waitFor() != 0) {
                throw new IllegalStateException("CLI failed: " + command);
            }
        }
    }
}
