package org.lsmworkbook.tools.maven;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads surefire's {@code TEST-*.xml} reports of one module. Each {@code testcase} element is a
 * test; a {@code failure}, {@code error} or {@code skipped} child says how it did not pass.
 */
public final class SurefireReports {

    /** A qualified Java class name, nested classes included ({@code a.b.Outer$Inner}). */
    private static final Pattern JAVA_NAME = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");

    private SurefireReports() {
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
     */
    public static List<TestCaseResult> read(Path reportDir) {
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
        List<TestCaseResult> results = new ArrayList<>();
        for (Path file : files) {
            results.addAll(parse(file));
        }
        return results;
    }

    /**
     * Reads one report file.
     *
     * @param file a {@code TEST-*.xml} file
     * @return its test cases in document order
     */
    public static List<TestCaseResult> parse(Path file) {
        Document doc;
        try {
            doc = newBuilder().parse(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (SAXException e) {
            throw new IllegalStateException("cannot parse test report " + file + ": " + e.getMessage(), e);
        }
        List<TestCaseResult> results = new ArrayList<>();
        NodeList cases = doc.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element testCase = (Element) cases.item(i);
            Element problem = problem(testCase);
            String detail = problem == null ? "" : cap(wholeMessage(problem));
            String trace = problem == null ? "" : cap(problem.getTextContent().strip());
            results.add(new TestCaseResult(className(testCase), testCase.getAttribute("name"), outcome(testCase),
                    message(testCase), detail, trace));
        }
        return results;
    }

    /**
     * The test's class. Surefire puts a class's {@code @DisplayName} into the {@code classname}
     * attribute; then the enclosing {@code testsuite}'s name is the real class name.
     */
    private static String className(Element testCase) {
        String classname = testCase.getAttribute("classname");
        if (JAVA_NAME.matcher(classname).matches()) {
            return classname;
        }
        Node parent = testCase.getParentNode();
        if (parent instanceof Element suite && !suite.getAttribute("name").isEmpty()) {
            return suite.getAttribute("name");
        }
        return classname;
    }

    /**
     * The first line of the failure's or error's message; the exception type when it has none
     * (an error without a message, such as a NullPointerException).
     */
    private static String message(Element testCase) {
        for (Node child = testCase.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element problem
                    && (problem.getNodeName().equals("failure") || problem.getNodeName().equals("error"))) {
                String text = problem.getAttribute("message").strip();
                if (text.isEmpty()) {
                    text = problem.getAttribute("type");
                }
                int newline = text.indexOf('\n');
                return newline < 0 ? text : text.substring(0, newline).strip();
            }
        }
        return "";
    }

    /** The test case's failure or error element, or null if it has none. */
    private static Element problem(Element testCase) {
        for (Node child = testCase.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element problem
                    && (problem.getNodeName().equals("failure") || problem.getNodeName().equals("error"))) {
                return problem;
            }
        }
        return null;
    }

    /** The whole message of a failure or an error; its exception type when it has none. */
    private static String wholeMessage(Element problem) {
        String text = problem.getAttribute("message").strip();
        return text.isEmpty() ? problem.getAttribute("type") : text;
    }

    private static String cap(String text) {
        return text.length() <= TestCaseResult.MAX_TEXT ? text
                : text.substring(0, TestCaseResult.MAX_TEXT - 4) + " ...";
    }

    private static TestCaseResult.Outcome outcome(Element testCase) {
        TestCaseResult.Outcome outcome = TestCaseResult.Outcome.PASSED;
        for (Node child = testCase.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() != Node.ELEMENT_NODE) {
                continue;
            }
            // flakyFailure/flakyError (a rerun passed) and system-out leave the test passed.
            switch (child.getNodeName()) {
                case "failure" -> outcome = TestCaseResult.Outcome.FAILED;
                case "error" -> outcome = TestCaseResult.Outcome.ERROR;
                case "skipped" -> {
                    if (outcome == TestCaseResult.Outcome.PASSED) {
                        outcome = TestCaseResult.Outcome.SKIPPED;
                    }
                }
                default -> { }
            }
        }
        return outcome;
    }

    private static DocumentBuilder newBuilder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // Reports are local files, but there is no reason to let them pull in anything external.
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return factory.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("no XML parser in this JDK", e);
        }
    }
}
