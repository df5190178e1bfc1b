package org.lsmworkbook.tools.maven;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads surefire's {@code TEST-*.xml} reports of one module. Each {@code testcase} element is a
 * test; a {@code failure}, {@code error} or {@code skipped} child says how it did not pass.
 *
 * <p>Reports are read as a stream (StAX), never whole into memory: the text kept of a failure is
 * capped at {@link TestCaseResult#MAX_TEXT} characters, {@code system-out} and {@code system-err}
 * are skipped, and a file over {@link #MAX_FILE_BYTES} or with more than {@link #MAX_CASES} test
 * cases is not read at all. {@link #readFiles} never throws for a damaged file: it says what is wrong
 * with it, so that one bad report costs only the tests it covers.
 */
public final class SurefireReports {

    /** The largest report file that is read; surefire's reports of a stage are a few kilobytes each. */
    public static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

    /** The most test cases one report file may hold. */
    public static final int MAX_CASES = 20_000;

    /** A qualified Java class name, nested classes included ({@code a.b.Outer$Inner}). */
    private static final Pattern JAVA_NAME = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");

    private SurefireReports() {
    }

    /**
     * One report file as read.
     *
     * @param file the file
     * @param suiteName its {@code testsuite}'s name (the test class), or empty if unknown
     * @param shownName the name its test cases give their class (the class's display name, as
     *     Maven prints it in its count lines), or the suite's name when it has none
     * @param cases its test cases in document order (empty when it could not be read)
     * @param problem why it could not be read, or null when it was read
     */
    public record ReportFile(Path file, String suiteName, String shownName, List<TestCaseResult> cases,
            String problem) {

        /** Copies the list so that the record cannot change. */
        public ReportFile {
            cases = List.copyOf(cases);
        }
    }

    /**
     * The report directory of a module.
     *
     * @param moduleDir the module's directory
     * @return {@code moduleDir/target/surefire-reports}
     */
    public static Path directory(Path moduleDir) {
        return moduleDir.resolve("target").resolve("surefire-reports");
    }

    /**
     * Deletes a module's reports, so that reports of an earlier run are never taken for this one.
     *
     * @param moduleDir the module's directory
     */
    public static void delete(Path moduleDir) {
        Path dir = directory(moduleDir);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files.sorted((a, b) -> b.compareTo(a))::iterator) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete old test reports in " + dir, e);
        }
    }

    /**
     * Reads every {@code TEST-*.xml} file of a report directory.
     *
     * @param reportDir a surefire report directory
     * @return the test cases in file-name order, or null if there are no report files at all
     * @throws IllegalStateException if a report cannot be read
     */
    public static List<TestCaseResult> read(Path reportDir) {
        List<ReportFile> files = readFiles(reportDir);
        if (files == null) {
            return null;
        }
        List<TestCaseResult> results = new ArrayList<>();
        for (ReportFile file : files) {
            if (file.problem() != null) {
                throw new IllegalStateException("cannot read test report " + file.file() + ": " + file.problem());
            }
            results.addAll(file.cases());
        }
        return results;
    }

    /**
     * Reads every {@code TEST-*.xml} file of a report directory, never failing on a damaged one.
     *
     * @param reportDir a surefire report directory
     * @return one entry per file in file-name order, or null if there are no report files at all
     */
    public static List<ReportFile> readFiles(Path reportDir) {
        if (!Files.isDirectory(reportDir)) {
            return null;
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(reportDir)) {
            files = list.filter(p -> {
                String name = p.getFileName().toString();
                return name.startsWith("TEST-") && name.endsWith(".xml");
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + reportDir, e);
        }
        if (files.isEmpty()) {
            return null;
        }
        List<ReportFile> read = new ArrayList<>();
        for (Path file : files) {
            read.add(readFile(file));
        }
        return read;
    }

    /**
     * Reads one report file.
     *
     * @param file a {@code TEST-*.xml} file
     * @return its test cases in document order
     * @throws IllegalStateException if it cannot be read
     */
    public static List<TestCaseResult> parse(Path file) {
        ReportFile read = readFile(file);
        if (read.problem() != null) {
            throw new IllegalStateException("cannot parse test report " + file + ": " + read.problem());
        }
        return read.cases();
    }

    /**
     * Reads one report file, never failing.
     *
     * @param file a {@code TEST-*.xml} file
     * @return what it holds, or why it could not be read
     */
    public static ReportFile readFile(Path file) {
        String suite = suiteNameFromFileName(file);
        try {
            if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                return new ReportFile(file, suite, suite, List.of(), "not a regular file");
            }
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                return new ReportFile(file, suite, suite, List.of(), "too large to be a report (" + size + " bytes)");
            }
            try (InputStream in = Files.newInputStream(file)) {
                return new Reader(file, suite).read(in);
            }
        } catch (IOException e) {
            return new ReportFile(file, suite, suite, List.of(), "cannot read it (" + e.getMessage() + ")");
        } catch (XMLStreamException | RuntimeException e) {
            String message = String.valueOf(e.getMessage()).replace('\n', ' ');
            return new ReportFile(file, suite, suite, List.of(), "not a well-formed report ("
                    + (message.length() > 200 ? message.substring(0, 200) + "..." : message) + ")");
        }
    }

    /** "TEST-a.b.C.xml" names the class a.b.C. */
    private static String suiteNameFromFileName(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith("TEST-") && name.endsWith(".xml") ? name.substring(5, name.length() - 4) : "";
    }

    /** One pass over one report. */
    private static final class Reader {
        private final Path file;
        private String suiteName;
        private final List<TestCaseResult> cases = new ArrayList<>();
        private String shownName;

        Reader(Path file, String suiteName) {
            this.file = file;
            this.suiteName = suiteName;
        }

        ReportFile read(InputStream in) throws XMLStreamException {
            XMLStreamReader xml = factory().createXMLStreamReader(in);
            try {
                while (xml.hasNext()) {
                    if (xml.next() != XMLStreamConstants.START_ELEMENT) {
                        continue;
                    }
                    switch (xml.getLocalName()) {
                        case "testsuite" -> {
                            String name = attribute(xml, "name");
                            if (!name.isEmpty()) {
                                suiteName = name;
                            }
                        }
                        case "testcase" -> {
                            if (cases.size() >= MAX_CASES) {
                                return new ReportFile(file, suiteName, shown(), List.of(),
                                        "more than " + MAX_CASES + " test cases");
                            }
                            cases.add(testCase(xml));
                        }
                        default -> { }
                    }
                }
            } finally {
                xml.close();
            }
            return new ReportFile(file, suiteName, shown(), cases, null);
        }

        private String shown() {
            return shownName == null || shownName.isEmpty() ? suiteName : shownName;
        }

        /** Reads a testcase element to its end. */
        private TestCaseResult testCase(XMLStreamReader xml) throws XMLStreamException {
            String classname = attribute(xml, "classname");
            if (shownName == null) {
                shownName = classname;
            }
            String className = JAVA_NAME.matcher(classname).matches() || suiteName.isEmpty() ? classname : suiteName;
            String name = attribute(xml, "name");
            TestCaseResult.Outcome outcome = TestCaseResult.Outcome.PASSED;
            String message = "";
            String detail = "";
            String trace = "";
            int depth = 1;
            while (depth > 0) {
                int event = xml.next();
                if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                    continue;
                }
                if (event != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                String element = xml.getLocalName();
                // flakyFailure/flakyError (a rerun passed) and system-out leave the test passed.
                boolean problem = element.equals("failure") || element.equals("error");
                if (problem && !outcome.isFailure()) {
                    outcome = element.equals("failure") ? TestCaseResult.Outcome.FAILED : TestCaseResult.Outcome.ERROR;
                    String whole = attribute(xml, "message").strip();
                    if (whole.isEmpty()) {
                        whole = attribute(xml, "type");
                    }
                    detail = cap(whole);
                    int newline = whole.indexOf('\n');
                    message = cap(newline < 0 ? whole : whole.substring(0, newline).strip());
                    trace = text(xml).strip();
                } else if (element.equals("skipped") && outcome == TestCaseResult.Outcome.PASSED) {
                    outcome = TestCaseResult.Outcome.SKIPPED;
                    skip(xml);
                } else {
                    skip(xml);
                }
            }
            return new TestCaseResult(className, name, outcome, message, detail, trace);
        }
    }

    /** The text of the current element up to its end, at most {@link TestCaseResult#MAX_TEXT} characters kept. */
    private static String text(XMLStreamReader xml) throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        boolean cut = false;
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> depth++;
                case XMLStreamConstants.END_ELEMENT -> depth--;
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (depth == 1 && !cut) {
                        int room = TestCaseResult.MAX_TEXT - text.length();
                        int length = xml.getTextLength();
                        text.append(xml.getTextCharacters(), xml.getTextStart(), Math.min(room, length));
                        cut = length > room;
                    }
                }
                default -> { }
            }
        }
        return cut ? text.substring(0, TestCaseResult.MAX_TEXT - 4) + " ..." : text.toString();
    }

    /** Skips the current element and everything in it. */
    private static void skip(XMLStreamReader xml) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    private static String attribute(XMLStreamReader xml, String name) {
        String value = xml.getAttributeValue(null, name);
        return value == null ? "" : value;
    }

    private static String cap(String text) {
        return text.length() <= TestCaseResult.MAX_TEXT ? text
                : text.substring(0, TestCaseResult.MAX_TEXT - 4) + " ...";
    }

    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        // Reports are local files, but there is no reason to let them pull in anything external.
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        return factory;
    }
}
