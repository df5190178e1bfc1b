package org.lsmworkbook.tools.mutation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads PIT's XML report ({@code target/pit-reports/mutations.xml}): one {@code mutation} element
 * per mutant, with its {@code status} attribute and the child elements {@code sourceFile},
 * {@code mutatedClass}, {@code mutatedMethod}, {@code lineNumber}, {@code mutator} and
 * {@code description}.
 */
public final class MutationsXml {

    /** Where PIT writes its reports in a module, with timestamped reports switched off. */
    public static final String REPORT_DIRECTORY = "target/pit-reports";
    /** The XML report's file name. */
    public static final String FILE_NAME = "mutations.xml";

    private MutationsXml() {
    }

    /**
     * The XML report of a module.
     *
     * @param moduleDir the module's directory
     * @return {@code moduleDir/target/pit-reports/mutations.xml}
     */
    public static Path file(Path moduleDir) {
        return moduleDir.resolve(REPORT_DIRECTORY).resolve(FILE_NAME);
    }

    /**
     * Reads a report.
     *
     * @param file a {@code mutations.xml}
     * @return its mutants in document order
     * @throws IllegalStateException if the file is not such a report
     */
    public static List<Mutant> read(Path file) {
        Document doc;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // A local report, but there is no reason to let it pull in anything external.
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            doc = factory.newDocumentBuilder().parse(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (SAXException | ParserConfigurationException e) {
            throw new IllegalStateException("cannot parse PIT's report " + file + ": " + e.getMessage(), e);
        }
        if (!doc.getDocumentElement().getTagName().equals("mutations")) {
            throw new IllegalStateException(file + " is not PIT's mutation report (its root element is <"
                    + doc.getDocumentElement().getTagName() + ">, not <mutations>)");
        }
        List<Mutant> mutants = new ArrayList<>();
        NodeList elements = doc.getElementsByTagName("mutation");
        for (int i = 0; i < elements.getLength(); i++) {
            mutants.add(mutant(file, (Element) elements.item(i)));
        }
        return mutants;
    }

    private static Mutant mutant(Path file, Element mutation) {
        String status = mutation.getAttribute("status");
        Mutant.Status parsed;
        try {
            parsed = Mutant.Status.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file + ": a mutation has the unknown status '" + status + "'", e);
        }
        String line = child(file, mutation, "lineNumber");
        int lineNumber;
        try {
            lineNumber = Integer.parseInt(line);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(file + ": a mutation has the line number '" + line + "'", e);
        }
        return new Mutant(child(file, mutation, "sourceFile"), child(file, mutation, "mutatedClass"),
                child(file, mutation, "mutatedMethod"), lineNumber, child(file, mutation, "mutator"),
                child(file, mutation, "description"), parsed);
    }

    private static String child(Path file, Element mutation, String name) {
        NodeList children = mutation.getElementsByTagName(name);
        if (children.getLength() == 0) {
            throw new IllegalStateException(file + ": a mutation has no <" + name + ">");
        }
        return children.item(0).getTextContent().strip();
    }
}
