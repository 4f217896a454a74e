package dev.chaosagent.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The documentation as a reader meets it: README.md, ARCHITECTURE.md and docs/*.md. Every relative
 * link leads to a file that exists and, with a {@code #fragment}, to a heading of that file (GitHub's
 * anchors); every shell block marked {@value #RUNNABLE} on the line before it runs from the
 * repository root and exits 0; and in every block, the agent's CLI commands, the programs the shell
 * lines start and the repository's files they name are real. A failsafe test, because the blocks run the built agent jar.
 */
class DocsIT {

    /** The marker, alone on the line before a {@code ```bash} block, of a block the build runs. */
    static final String RUNNABLE = "<!-- runnable -->";

    private static final Path ROOT = repositoryRoot();
    private static final Path AGENT_JAR = Path.of(System.getProperty("chaos.agent.jar", "target/chaos-agent.jar"));
    private static final long BLOCK_TIMEOUT_SECONDS = 60;

    /** Programs the docs' shell lines may start that are not files of this repository. */
    private static final Set<String> PROGRAMS = Set.of("mvn", "java", "git", "cat", "curl", "python3", "sudo", "env", "docker", "kubectl");

    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern CLI_COMMAND = Pattern.compile("-jar\\s+\\S*chaos-agent\\.jar\\s+(\\S+)");
    private static final Pattern HELP_COMMAND = Pattern.compile("^ {2}([a-z]+)\\b");
    /** A path into this repository, in a shell line: it starts with one of the repository's top folders. */
    private static final Pattern REPOSITORY_PATH = Pattern.compile("(?<![\\w./-])((?:examples|examples-spring-boot|chaos-[a-z]+|compiler-matrix|benchmarks|deploy|docs)/[\\w./-]+)");

    @Test
    void everyRelativeLinkLeadsToAFileAndItsHeading() throws IOException {
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path page : pages()) {
            List<String> lines = proseLines(page);
            for (int i = 0; i < lines.size(); i++) {
                Matcher link = LINK.matcher(lines.get(i));
                while (link.find()) {
                    String target = link.group(1);
                    if (target.matches("^[a-zA-Z][a-zA-Z+.-]*:.*")) {
                        continue; // http:, https:, mailto:
                    }
                    checked++;
                    String problem = problemWith(page, target);
                    if (problem != null) {
                        broken.add(ROOT.relativize(page) + ":" + (i + 1) + ": " + target + ": " + problem);
                    }
                }
            }
        }
        assertThat(checked).as("relative links found in the docs").isGreaterThan(20);
        assertThat(broken).as("links that lead nowhere").isEmpty();
    }

    @Test
    void everyRunnableBlockRunsFromTheRepositoryRoot() throws Exception {
        assertThat(AGENT_JAR).as("the agent jar the blocks run (built by package)").isRegularFile();
        List<Block> runnable = blocks().stream().filter(Block::runnable).toList();
        assertThat(runnable).as("blocks marked " + RUNNABLE).hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(block -> assertThat(block.language()).as(block.where()).isEqualTo("bash"));
        for (Block block : runnable) {
            Run run = bash(block.text());
            assertThat(run.exit()).as("%s exits 0; it printed:%n%s", block.where(), run.output()).isZero();
        }
    }

    @Test
    void everyCommandAndFileTheDocsNameIsReal() throws Exception {
        Set<String> cliCommands = cliCommands();
        assertThat(cliCommands).as("the CLI's commands, from its --help").contains("jvms", "attach", "add", "stop");
        List<String> unknown = new ArrayList<>();
        for (Block block : blocks()) {
            Matcher cli = CLI_COMMAND.matcher(block.text());
            while (cli.find()) {
                if (!cliCommands.contains(cli.group(1)) && !cli.group(1).equals("--help")) {
                    unknown.add(block.where() + ": chaos-agent.jar " + cli.group(1) + " is not a command of the CLI");
                }
            }
            for (String command : block.shellCommands()) {
                String program = program(command);
                if (program.contains("/") ? !Files.exists(ROOT.resolve(program)) : !PROGRAMS.contains(program)) {
                    unknown.add(block.where() + ": " + program + " is neither a file of this repository nor a program the docs"
                            + " are known to use (" + PROGRAMS + "; add it there if it is real)");
                }
                Matcher path = REPOSITORY_PATH.matcher(command);
                while (path.find()) {
                    // What the build makes (under target/) need not be there before it.
                    if (!path.group(1).contains("target/") && !Files.exists(ROOT.resolve(path.group(1)))) {
                        unknown.add(block.where() + ": " + path.group(1) + " is not a file of this repository");
                    }
                }
            }
        }
        assertThat(unknown).as("commands and files in the docs that do not exist").isEmpty();
    }

    /** Null when {@code target}, a link on {@code page}, resolves; otherwise what is wrong. */
    private static String problemWith(Path page, String target) throws IOException {
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
        if (!resolved.startsWith(ROOT) || !Files.exists(resolved)) {
            return "no such file " + ROOT.relativize(resolved.toAbsolutePath().normalize());
        }
        if (hash < 0) {
            return null;
        }
        String anchor = target.substring(hash + 1);
        if (!resolved.toString().endsWith(".md") || !anchors(resolved).contains(anchor)) {
            return "no heading with anchor #" + anchor + " in " + ROOT.relativize(resolved);
        }
        return null;
    }

    /** GitHub's anchors for a page's headings: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
    static Set<String> anchors(Path page) throws IOException {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : proseLines(page, false)) {
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                String text = heading.group(1).replaceAll("\\[([^\\]]*)]\\([^)]*\\)", "$1").replaceAll("[`*]", "");
                String anchor = text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}_\\- ]", "").replace(' ', '-');
                int repeats = seen.merge(anchor, 1, Integer::sum) - 1;
                anchors.add(repeats == 0 ? anchor : anchor + "-" + repeats);
            }
        }
        return anchors;
    }

    private static List<String> proseLines(Path page) throws IOException {
        return proseLines(page, true);
    }

    /** The page's lines with code blocks blanked (and, when asked, inline code too), numbered as in the file. */
    private static List<String> proseLines(Path page, boolean blankInlineCode) throws IOException {
        List<String> lines = new ArrayList<>();
        boolean inBlock = false;
        for (String line : Files.readAllLines(page, StandardCharsets.UTF_8)) {
            if (line.strip().startsWith("```")) {
                inBlock = !inBlock;
                lines.add("");
            } else if (inBlock) {
                lines.add("");
            } else {
                lines.add(blankInlineCode ? line.replaceAll("`[^`]*`", "") : line);
            }
        }
        return lines;
    }

    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("ARCHITECTURE.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    /** A fenced block of a page: its language (after the fence), its text, and whether it is marked runnable. */
    record Block(Path page, int line, String language, String text, boolean runnable) {

        String where() {
            return ROOT.relativize(page) + ":" + line;
        }

        /**
         * The commands a shell reader would type: every line of a bash or sh block, and the lines that
         * start with a {@code $ } prompt elsewhere; continued lines and quotes that span lines are joined,
         * here-document bodies and comments left out.
         */
        List<String> shellCommands() {
            boolean shell = language.equals("bash") || language.equals("sh");
            List<String> commands = new ArrayList<>();
            String pending = "";
            String hereDocEnd = null;
            for (String line : text.split("\n", -1)) {
                if (hereDocEnd != null) {
                    if (line.strip().equals(hereDocEnd)) {
                        hereDocEnd = null;
                    }
                    continue;
                }
                String command = pending.isEmpty() ? prompted(line, shell) : line;
                if (command == null || (pending.isEmpty() && (command.isBlank() || command.strip().startsWith("#")))) {
                    continue;
                }
                String joined = pending + command;
                if (joined.endsWith("\\") || joined.chars().filter(c -> c == '\'').count() % 2 == 1) {
                    pending = joined + "\n";
                    continue;
                }
                pending = "";
                commands.add(joined.strip());
                Matcher hereDoc = Pattern.compile("<<-?'?(\\w+)'?").matcher(joined);
                if (hereDoc.find()) {
                    hereDocEnd = hereDoc.group(1);
                }
            }
            return commands;
        }

        private static String prompted(String line, boolean shell) {
            if (line.startsWith("$ ")) {
                return line.substring(2);
            }
            return shell ? line : null;
        }
    }

    static List<Block> blocks() throws IOException {
        List<Block> blocks = new ArrayList<>();
        for (Path page : pages()) {
            List<String> lines = Files.readAllLines(page, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String fence = lines.get(i).strip();
                if (!fence.startsWith("```")) {
                    continue;
                }
                int start = i;
                StringBuilder text = new StringBuilder();
                while (++i < lines.size() && !lines.get(i).strip().startsWith("```")) {
                    text.append(lines.get(i)).append('\n');
                }
                boolean marked = start > 0 && lines.get(start - 1).strip().equals(RUNNABLE);
                blocks.add(new Block(page, start + 1, fence.substring(3).strip(), text.toString(), marked));
            }
        }
        return blocks;
    }

    /** The first word of a command line, past {@code sudo} and environment assignments. */
    private static String program(String command) {
        String[] words = command.split("\\s+");
        int i = 0;
        while (i < words.length - 1 && (words[i].equals("sudo") || words[i].matches("[A-Z_]+=.*"))) {
            i++;
        }
        return words[i];
    }

    private static Set<String> cliCommands() throws Exception {
        Run help = bash("java -jar " + AGENT_JAR + " --help");
        assertThat(help.exit()).as("the CLI's --help: %s", help.output()).isZero();
        Set<String> commands = new LinkedHashSet<>();
        for (String line : help.output().split("\n")) {
            Matcher command = HELP_COMMAND.matcher(line);
            if (command.find()) {
                commands.add(command.group(1));
            }
        }
        return commands;
    }

    private record Run(int exit, String output) {
    }

    /** Runs a script with bash from the repository root, with this JVM's java first on the PATH; kills it on time-out. */
    private static Run bash(String script) throws Exception {
        Path output = Files.createTempFile("docs-block", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder("bash", "-e", "-o", "pipefail", "-c", script)
                    .directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().remove("JAVA_TOOL_OPTIONS");
            builder.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
            Process process = builder.start();
            if (!process.waitFor(BLOCK_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
                return new Run(-1, "timed out after " + BLOCK_TIMEOUT_SECONDS + " s\n" + Files.readString(output));
            }
            return new Run(process.exitValue(), Files.readString(output));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** The checkout: the first directory up from here that holds both README.md and ARCHITECTURE.md. */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isRegularFile(dir.resolve("ARCHITECTURE.md"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no README.md beside an ARCHITECTURE.md above " + Path.of("").toAbsolutePath());
    }
}
