package org.offload.report;

import java.nio.file.Path;
import java.util.List;

/** The files a {@link ReportBuilder} wrote: the HTML page and the chart images. */
public record Report(Path html, List<Path> charts) {
    public Report {
        charts = List.copyOf(charts);
    }
}
