package io.obsagent;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.commons.ClassRemapper;
import net.bytebuddy.jar.asm.commons.Remapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layer rules of agent/ARCHITECTURE.md, checked over the compiled classes: what each layer may name, no package
 * cycles; and over the sources: no file beyond the size one reads at once, no cited document missing.
 */
class ArchitectureTest {

    private static final String ROOT = "io/obsagent/";
    private static final int MAX_LINES = 300;

    /** Package (internal form) to every package its classes name. */
    private static final Map<String, Set<String>> USES = new TreeMap<>();

    @BeforeAll
    static void readCompiledClasses() throws Exception {
        Path classes = Paths.get(Agent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).collect(Collectors.toList())) {
                String name = classes.relativize(file).toString().replace('\\', '/');
                Set<String> uses = USES.computeIfAbsent(packageOf(name), p -> new TreeSet<>());
                new ClassReader(Files.readAllBytes(file)).accept(new ClassRemapper(new ClassVisitor(Opcodes.ASM9) {
                }, new Remapper() {
                    @Override
                    public String map(String internalName) {
                        uses.add(packageOf(internalName));
                        return internalName;
                    }
                }), 0);
            }
        }
    }

    @Test
    void coreNamesNoByteBuddyServletInstrumentationOrServerType() {
        assertThat(violations("core", "net/bytebuddy", "javax/servlet", "jakarta/servlet",
                ROOT + "instrumentation", ROOT + "server")).isEmpty();
        assertThat(violationsOfExactly("core", ROOT.substring(0, ROOT.length() - 1))).as("nor the wiring package").isEmpty();
    }

    @Test
    void theBridgeNamesOnlyJdkTypes() {
        for (String user : packagesUnder(ROOT + "bridge")) {
            for (String used : USES.get(user)) {
                assertThat(used.startsWith("java/") || used.equals(ROOT + "bridge") || used.isEmpty())
                        .as("%s names %s", user, used).isTrue();
            }
        }
    }

    @Test
    void theSideServerNamesNoInstrumentationByteBuddyOrServletType() {
        assertThat(violations("server", "net/bytebuddy", "javax/servlet", "jakarta/servlet", ROOT + "instrumentation"))
                .isEmpty();
    }

    @Test
    void noPackageCycles() {
        for (String from : USES.keySet()) {
            for (String to : USES.get(from)) {
                if (!to.equals(from) && to.startsWith(ROOT) && reaches(to, from, new TreeSet<>())) {
                    throw new AssertionError("package cycle: " + from + " -> " + to + " -> ... -> " + from);
                }
            }
        }
    }

    @Test
    void noMainSourceFileIsLongerThanOneReadsAtOnce() throws IOException {
        try (Stream<Path> files = Files.walk(Paths.get("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).collect(Collectors.toList())) {
                assertThat(Files.readAllLines(file)).as(file.toString()).hasSizeLessThanOrEqualTo(MAX_LINES);
            }
        }
    }

    /** Every Markdown document the code cites is in the repository; the contract is cited by its path. */
    @Test
    void everyDocumentTheCodeCitesIsInTheRepository() throws IOException {
        Path repository = Paths.get("..").toAbsolutePath().normalize();
        Pattern cited = Pattern.compile("([A-Za-z0-9_./-]+\\.md)\\b");
        for (String tree : new String[]{"agent/src", "integration-tests", "sample-app/src", "scripts"}) {
            try (Stream<Path> files = Files.walk(repository.resolve(tree))) {
                for (Path file : files.filter(f -> f.toString().matches(".*\\.(java|sh|lua|xml|yml|yaml)$")
                        && !f.toString().contains("/target/")).collect(Collectors.toList())) {
                    String text = read(file);
                    assertThat(text).as("%s cites the contract by its path, agent/SPEC.md", file)
                            .doesNotContainPattern("(?<!agent/)SPEC(\\.md)? §");
                    // Scripts name the files they write; the sources' comments are what must cite real documents.
                    Matcher m = cited.matcher(file.toString().endsWith(".java") ? text : "");
                    while (m.find()) {
                        String document = m.group(1);
                        if (document.contains("target/")) {
                            continue; // an output the build writes, not a document
                        }
                        assertThat(Files.exists(repository.resolve(document)) || Files.exists(file.getParent().resolve(document)))
                                .as("%s cites %s", file, document).isTrue();
                    }
                }
            }
        }
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean reaches(String from, String target, Set<String> seen) {
        if (from.equals(target)) {
            return true;
        }
        if (!seen.add(from) || !USES.containsKey(from)) {
            return false;
        }
        for (String next : USES.get(from)) {
            if (!next.equals(from) && next.startsWith(ROOT) && reaches(next, target, seen)) {
                return true;
            }
        }
        return false;
    }

    private static java.util.List<String> violations(String layer, String... forbidden) {
        java.util.List<String> found = new ArrayList<>();
        for (String user : packagesUnder(ROOT + layer)) {
            for (String used : USES.get(user)) {
                for (String prefix : forbidden) {
                    if (used.equals(prefix) || used.startsWith(prefix + "/")) {
                        found.add(user + " -> " + used);
                    }
                }
            }
        }
        return found;
    }

    private static java.util.List<String> violationsOfExactly(String layer, String forbidden) {
        java.util.List<String> found = new ArrayList<>();
        for (String user : packagesUnder(ROOT + layer)) {
            if (USES.get(user).contains(forbidden)) {
                found.add(user + " -> " + forbidden);
            }
        }
        return found;
    }

    private static java.util.List<String> packagesUnder(String prefix) {
        java.util.List<String> packages = USES.keySet().stream()
                .filter(p -> p.equals(prefix) || p.startsWith(prefix + "/")).collect(Collectors.toList());
        assertThat(packages).as("compiled packages under " + prefix).isNotEmpty();
        return packages;
    }

    private static String packageOf(String internalName) {
        String name = internalName.endsWith(".class") ? internalName.substring(0, internalName.length() - 6) : internalName;
        int slash = name.lastIndexOf('/');
        return slash < 0 ? "" : name.substring(0, slash);
    }
}
