package io.tomassure.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The repository around this module: where the deploy files are, and what the services' own configuration says
 * (the deploy files are checked against it, so that they cannot drift from the code they run).
 */
final class Repo {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** The first folder above the working directory that holds both deploy/ and pom.xml. */
    static final Path ROOT = findRoot();

    static final Path COMPOSE_DIR = ROOT.resolve("deploy/compose");
    static final Path KUBERNETES_DIR = ROOT.resolve("deploy/kubernetes");
    static final Path SHARED_CONFIG = ROOT.resolve("service-support/src/main/resources/META-INF/microprofile-config.properties");

    private Repo() {
    }

    private static Path findRoot() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("deploy")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no folder holding deploy/ and pom.xml above " + start);
    }

    /** The service modules: every {@code *-service} folder with an application.properties, by name. */
    static List<String> services() {
        try (Stream<Path> dirs = Files.list(ROOT)) {
            return dirs.filter(d -> d.getFileName().toString().endsWith("-service"))
                    .filter(d -> Files.isRegularFile(applicationProperties(d.getFileName().toString())))
                    .map(d -> d.getFileName().toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path applicationProperties(String service) {
        return ROOT.resolve(service).resolve("src/main/resources/application.properties");
    }

    static Path mainSources(String service) {
        return ROOT.resolve(service).resolve("src/main/java");
    }

    static Properties sharedProperties() {
        return load(SHARED_CONFIG);
    }

    static Properties serviceProperties(String service) {
        return load(applicationProperties(service));
    }

    /** What Quarkus sees in production: the shared defaults, overridden by the service's application.properties. */
    static Properties effectiveProperties(String service) {
        Properties effective = new Properties();
        effective.putAll(sharedProperties());
        effective.putAll(serviceProperties(service));
        return effective;
    }

    static int httpPort(String service) {
        String port = effectiveProperties(service).getProperty("quarkus.http.port");
        if (port == null) {
            throw new IllegalStateException(service + " sets no quarkus.http.port");
        }
        return Integer.parseInt(port.trim());
    }

    /** The image Quarkus builds for the service: group/name:tag, name defaulting to the application name, tag to the version. */
    static String image(String service) {
        Properties p = effectiveProperties(service);
        String group = p.getProperty("quarkus.container-image.group");
        if (group == null) {
            throw new IllegalStateException("quarkus.container-image.group is not set for " + service);
        }
        String name = p.getProperty("quarkus.container-image.name", p.getProperty("quarkus.application.name", service));
        String tag = p.getProperty("quarkus.container-image.tag", projectVersion());
        return group + "/" + name + ":" + tag;
    }

    /** The version in the root pom (every module inherits it, so it is every image's default tag). */
    static String projectVersion() {
        try {
            Element project = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(ROOT.resolve("pom.xml").toFile()).getDocumentElement();
            for (Node child = project.getFirstChild(); child != null; child = child.getNextSibling()) {
                if ("version".equals(child.getNodeName())) {
                    return child.getTextContent().trim();
                }
            }
            throw new IllegalStateException("the root pom has no <version>");
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the root pom", e);
        }
    }

    private static Properties load(Path file) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
