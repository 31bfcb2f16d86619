package org.offload.io.ecs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.offload.util.Suggestions;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * An EdgeCloudSim configuration as its {@code core/SimSettings.java} (class {@code SimSettings}) reads it:
 * {@code default_config.properties} and the {@code applications.xml} and {@code edge_devices.xml} documents, read
 * strictly. A property SimSettings does not read, a missing file, malformed XML, a missing mandatory element or a
 * value that is not a number is an {@link EcsImportException} naming the file and the property or element. XML is
 * read with the JDK's parser, DOCTYPE declarations and external entities refused.
 */
final class EcsConfig {
    static final String PROPERTIES = "default_config.properties";
    static final String APPLICATIONS = "applications.xml";
    static final String EDGE_DEVICES = "edge_devices.xml";

    /**
     * The properties SimSettings reads ({@code initialize}), plus the two misspelt ones sample_app5's file carries
     * ({@code wan_propogation_delay}, {@code gsm_propogation_delay}), which SimSettings never reads.
     */
    static final Set<String> KNOWN_PROPERTIES = Set.of("simulation_time", "warm_up_period", "vm_load_check_interval",
            "location_check_interval", "ap_delay_check_interval", "file_log_enabled", "deep_file_log_enabled",
            "min_number_of_mobile_devices", "max_number_of_mobile_devices", "mobile_device_counter_size", "wlan_range",
            "wan_propagation_delay", "gsm_propagation_delay", "lan_internal_delay", "wlan_bandwidth", "man_bandwidth",
            "wan_bandwidth", "gsm_bandwidth", "number_of_host_on_cloud_datacenter", "number_of_vm_on_cloud_host",
            "core_for_cloud_vm", "mips_for_cloud_vm", "ram_for_cloud_vm", "storage_for_cloud_vm", "ram_for_mobile_vm",
            "core_for_mobile_vm", "mips_for_mobile_vm", "storage_for_mobile_vm", "orchestrator_policies",
            "simulation_scenarios", "northern_bound", "southern_bound", "eastern_bound", "western_bound",
            "attractiveness_L1_mean_waiting_time", "attractiveness_L2_mean_waiting_time",
            "attractiveness_L3_mean_waiting_time", "wan_propogation_delay", "gsm_propogation_delay");

    /** Properties SimSettings requires (it has no default for them). */
    static final List<String> REQUIRED_PROPERTIES = List.of("simulation_time", "warm_up_period",
            "min_number_of_mobile_devices", "max_number_of_mobile_devices", "mobile_device_counter_size",
            "wlan_bandwidth", "number_of_host_on_cloud_datacenter", "number_of_vm_on_cloud_host", "core_for_cloud_vm",
            "mips_for_cloud_vm", "ram_for_cloud_vm", "core_for_mobile_vm", "mips_for_mobile_vm", "ram_for_mobile_vm",
            "orchestrator_policies", "simulation_scenarios", "attractiveness_L1_mean_waiting_time",
            "attractiveness_L2_mean_waiting_time", "attractiveness_L3_mean_waiting_time");

    /** An application's mandatory elements (SimSettings' {@code mandatoryAttributes}), then the optional one. */
    static final List<String> APPLICATION_ELEMENTS = List.of("usage_percentage", "prob_cloud_selection",
            "poisson_interarrival", "active_period", "idle_period", "data_upload", "data_download", "task_length",
            "required_core", "vm_utilization_on_edge", "vm_utilization_on_cloud", "vm_utilization_on_mobile",
            "delay_sensitivity");
    static final String MAX_DELAY = "max_delay_requirement";

    /** A property's value and its line in the file. */
    record Property(String value, int line) {
    }

    /** One application element: its name and its numeric elements. */
    record Application(String name, Map<String, Double> values) {
        double get(String element) {
            return values.getOrDefault(element, 0.0);
        }
    }

    /** One VM or host: cores, MIPS per core, RAM (MB), storage (MB). */
    record Machine(double core, double mips, double ram, double storage) {
    }

    /** One edge datacenter: its location and hosts, each with its VMs. */
    record Datacenter(double x, double y, int wlanId, int attractiveness, List<Machine> hosts,
                      List<List<Machine>> vms) {
    }

    final Path dir;
    final Map<String, Property> properties;
    final List<Application> applications;
    final List<Datacenter> datacenters;

    private EcsConfig(Path dir, Map<String, Property> properties, List<Application> applications,
                      List<Datacenter> datacenters) {
        this.dir = dir;
        this.properties = properties;
        this.applications = applications;
        this.datacenters = datacenters;
    }

    static EcsConfig read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new EcsImportException(dir.toString(), null, "not a directory (expected an EdgeCloudSim config "
                    + "directory with " + PROPERTIES + ", " + APPLICATIONS + " and " + EDGE_DEVICES + ")");
        }
        Map<String, Property> props = readProperties(dir.resolve(PROPERTIES));
        List<Application> apps = readApplications(dir.resolve(APPLICATIONS));
        List<Datacenter> dcs = readDatacenters(dir.resolve(EDGE_DEVICES));
        return new EcsConfig(dir, props, apps, dcs);
    }

    // ------------------------------------------------------------------ properties

    private static Map<String, Property> readProperties(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            throw new EcsImportException(file.toString(), null, "file not found");
        } catch (IOException e) {
            throw new EcsImportException(file.toString(), null, "cannot read: " + e.getMessage());
        }
        Map<String, Property> out = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
                continue;
            }
            int eq = line.indexOf('=');
            String where = "line " + (i + 1);
            if (eq <= 0) {
                throw new EcsImportException(file.toString(), where, "expected 'property=value', got '" + line + "'");
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (!KNOWN_PROPERTIES.contains(key)) {
                throw new EcsImportException(file.toString(), "property " + key + " (" + where + ")",
                        "unknown property" + Suggestions.didYouMean(key, KNOWN_PROPERTIES)
                                + "; EdgeCloudSim's SimSettings reads only its own properties");
            }
            if (out.put(key, new Property(value, i + 1)) != null) {
                throw new EcsImportException(file.toString(), "property " + key + " (" + where + ")",
                        "given twice (first on line " + out.get(key).line() + ")");
            }
        }
        for (String key : REQUIRED_PROPERTIES) {
            if (!out.containsKey(key)) {
                throw new EcsImportException(file.toString(), "property " + key, "missing (EdgeCloudSim requires it)");
            }
        }
        return out;
    }

    boolean has(String key) {
        return properties.containsKey(key);
    }

    String text(String key) {
        Property p = properties.get(key);
        return p == null ? "" : p.value();
    }

    /** A numeric property, or {@code def} when absent. */
    double number(String key, double def) {
        Property p = properties.get(key);
        if (p == null) {
            return def;
        }
        try {
            return Double.parseDouble(p.value());
        } catch (NumberFormatException e) {
            throw new EcsImportException(dir.resolve(PROPERTIES).toString(), "property " + key + " (line " + p.line()
                    + ")", "expected a number, got '" + p.value() + "'");
        }
    }

    // ------------------------------------------------------------------ XML

    private static Document parse(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b.parse(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new EcsImportException(file.toString(), null, "file not found");
        } catch (SAXParseException e) {
            throw new EcsImportException(file.toString(), "line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber(), "malformed XML: " + e.getMessage());
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw new EcsImportException(file.toString(), null, "cannot read XML: " + e.getMessage());
        }
    }

    private static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    /** The child elements of {@code parent}, by name; any other element is an error. */
    private static Map<String, Element> strictChildren(Path file, String where, Element parent,
                                                       List<String> allowed) {
        Map<String, Element> out = new LinkedHashMap<>();
        for (Element e : children(parent)) {
            String name = e.getTagName();
            if (!allowed.contains(name)) {
                throw new EcsImportException(file.toString(), where + "/<" + name + ">", "unknown element"
                        + Suggestions.didYouMean(name, allowed) + "; allowed here: " + String.join(", ", allowed));
            }
            if (out.put(name, e) != null) {
                throw new EcsImportException(file.toString(), where + "/<" + name + ">", "given twice");
            }
        }
        return out;
    }

    private static double number(Path file, String where, Map<String, Element> elements, String name) {
        Element e = elements.get(name);
        if (e == null) {
            throw new EcsImportException(file.toString(), where + "/<" + name + ">",
                    "missing (EdgeCloudSim requires it)");
        }
        String text = e.getTextContent().strip();
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException ex) {
            throw new EcsImportException(file.toString(), where + "/<" + name + ">",
                    "expected a number, got '" + text + "'");
        }
    }

    private static Element root(Path file, Document doc, String name) {
        Element root = doc.getDocumentElement();
        if (!root.getTagName().equals(name)) {
            throw new EcsImportException(file.toString(), "<" + root.getTagName() + ">",
                    "expected the root element <" + name + ">");
        }
        return root;
    }

    private static List<Application> readApplications(Path file) {
        Element root = root(file, parse(file), "applications");
        List<String> allowed = new ArrayList<>(APPLICATION_ELEMENTS);
        allowed.add(MAX_DELAY);
        List<Application> out = new ArrayList<>();
        for (Element app : children(root)) {
            String where = "<applications>/<" + app.getTagName() + "> #" + (out.size() + 1);
            if (!app.getTagName().equals("application")) {
                throw new EcsImportException(file.toString(), where, "unknown element; allowed here: application");
            }
            String name = app.getAttribute("name").strip();
            if (name.isEmpty()) {
                throw new EcsImportException(file.toString(), where, "missing attribute 'name'");
            }
            where = "<application name=\"" + name + "\">";
            Map<String, Element> elements = strictChildren(file, where, app, allowed);
            Map<String, Double> values = new LinkedHashMap<>();
            for (String element : APPLICATION_ELEMENTS) {
                values.put(element, number(file, where, elements, element));
            }
            if (elements.containsKey(MAX_DELAY)) {
                values.put(MAX_DELAY, number(file, where, elements, MAX_DELAY));
            }
            out.add(new Application(name, values));
        }
        if (out.isEmpty()) {
            throw new EcsImportException(file.toString(), "<applications>", "has no <application>");
        }
        return out;
    }

    private static final List<String> MACHINE = List.of("core", "mips", "ram", "storage");

    private static Machine machine(Path file, String where, Map<String, Element> elements) {
        return new Machine(number(file, where, elements, "core"), number(file, where, elements, "mips"),
                number(file, where, elements, "ram"), number(file, where, elements, "storage"));
    }

    private static List<Datacenter> readDatacenters(Path file) {
        Element root = root(file, parse(file), "edge_devices");
        List<Datacenter> out = new ArrayList<>();
        for (Element dc : children(root)) {
            String where = "<datacenter> #" + (out.size() + 1);
            if (!dc.getTagName().equals("datacenter")) {
                throw new EcsImportException(file.toString(), "<" + dc.getTagName() + ">",
                        "unknown element; allowed here: datacenter");
            }
            Map<String, Element> parts = strictChildren(file, where, dc, List.of("costPerBw", "costPerSec",
                    "costPerMem", "costPerStorage", "location", "hosts"));
            for (String cost : List.of("costPerBw", "costPerSec", "costPerMem", "costPerStorage")) {
                number(file, where, parts, cost);
            }
            if (!parts.containsKey("location") || !parts.containsKey("hosts")) {
                throw new EcsImportException(file.toString(), where + "/<" + (parts.containsKey("location")
                        ? "hosts" : "location") + ">", "missing (EdgeCloudSim requires it)");
            }
            String lwhere = where + "/<location>";
            Map<String, Element> loc = strictChildren(file, lwhere, parts.get("location"),
                    List.of("x_pos", "y_pos", "wlan_id", "attractiveness"));
            double attractiveness = number(file, lwhere, loc, "attractiveness");
            if (attractiveness != 0 && attractiveness != 1 && attractiveness != 2) {
                throw new EcsImportException(file.toString(), lwhere + "/<attractiveness>",
                        "must be 0, 1 or 2 (the three attractiveness_L*_mean_waiting_time levels), got "
                                + attractiveness);
            }
            List<Machine> hosts = new ArrayList<>();
            List<List<Machine>> vms = new ArrayList<>();
            for (Element host : children(parts.get("hosts"))) {
                String hwhere = where + "/<hosts>/<host> #" + (hosts.size() + 1);
                if (!host.getTagName().equals("host")) {
                    throw new EcsImportException(file.toString(), where + "/<hosts>/<" + host.getTagName() + ">",
                            "unknown element; allowed here: host");
                }
                List<String> hostAllowed = new ArrayList<>(MACHINE);
                hostAllowed.add("VMs");
                Map<String, Element> h = strictChildren(file, hwhere, host, hostAllowed);
                hosts.add(machine(file, hwhere, h));
                List<Machine> hostVms = new ArrayList<>();
                if (h.containsKey("VMs")) {
                    for (Element vm : children(h.get("VMs"))) {
                        String vwhere = hwhere + "/<VMs>/<VM> #" + (hostVms.size() + 1);
                        if (!vm.getTagName().equals("VM")) {
                            throw new EcsImportException(file.toString(), hwhere + "/<VMs>/<" + vm.getTagName()
                                    + ">", "unknown element; allowed here: VM");
                        }
                        hostVms.add(machine(file, vwhere, strictChildren(file, vwhere, vm, MACHINE)));
                    }
                }
                if (hostVms.isEmpty()) {
                    throw new EcsImportException(file.toString(), hwhere, "has no <VMs>/<VM>");
                }
                vms.add(hostVms);
            }
            if (hosts.isEmpty()) {
                throw new EcsImportException(file.toString(), where + "/<hosts>", "has no <host>");
            }
            out.add(new Datacenter(number(file, lwhere, loc, "x_pos"), number(file, lwhere, loc, "y_pos"),
                    (int) number(file, lwhere, loc, "wlan_id"), (int) attractiveness, hosts, vms));
        }
        if (out.isEmpty()) {
            throw new EcsImportException(file.toString(), "<edge_devices>", "has no <datacenter>");
        }
        return out;
    }
}
