package io.tierline.bench.storm;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tierline's own view of a phase, from each service's /q/metrics before and after it: the mean of every timer that
 * moved (count and sum differences), so a page's latency can be split into the hops the services measure themselves
 * (intake request time, outbox lag per service, timer lateness, page cause → delivered).
 */
final class Metrics {

    private final Api api;
    private final Map<String, URI> services;

    Metrics(Api api, Map<String, URI> services) {
        this.api = api;
        this.services = services;
    }

    /** service → series (name with labels) → value, of the _count and _sum series the report reads. */
    Map<String, Map<String, Double>> scrape() {
        Map<String, Map<String, Double>> all = new LinkedHashMap<>();
        services.forEach((name, base) -> {
            Map<String, Double> series = new LinkedHashMap<>();
            try {
                Api.Answer answer = api.call("GET", base, "/q/metrics", null, null);
                if (answer.status() == 200 && answer.text() != null) {
                    for (String line : answer.text().split("\n")) {
                        if (line.startsWith("#") || !(line.startsWith("tierline_")
                                || line.startsWith("http_server_requests_seconds_"))) {
                            continue;
                        }
                        int space = line.lastIndexOf(' ');
                        String key = line.substring(0, space);
                        String metric = key.contains("{") ? key.substring(0, key.indexOf('{')) : key;
                        if ((metric.endsWith("_count") || metric.endsWith("_sum")) && !key.contains("uri=\"/q/")) {
                            series.put(key, Double.parseDouble(line.substring(space + 1)));
                        }
                    }
                }
            } catch (RuntimeException e) {
                // a service without metrics: nothing to report for it
            }
            all.put(name, series);
        });
        return all;
    }

    /** One line per service: the mean of each timer that counted during the phase. */
    static List<String> means(Map<String, Map<String, Double>> before, Map<String, Map<String, Double>> after) {
        List<String> lines = new ArrayList<>();
        after.forEach((service, series) -> {
            StringBuilder line = new StringBuilder();
            series.forEach((key, count) -> {
                if (!key.contains("_count")) {
                    return;
                }
                String sumKey = key.replaceFirst("_count", "_sum");
                double n = count - before.getOrDefault(service, Map.of()).getOrDefault(key, 0.0);
                double sum = series.getOrDefault(sumKey, 0.0)
                        - before.getOrDefault(service, Map.of()).getOrDefault(sumKey, 0.0);
                if (n >= 1) {
                    // timers are in seconds (shown in ms); other summaries, such as batch sizes, are counts
                    boolean timer = key.contains("_seconds_");
                    line.append(line.length() == 0 ? "" : "; ").append(label(key)).append(' ')
                            .append(timer ? String.format(Locale.ROOT, "%.1f ms (n=%.0f)", 1000 * sum / n, n)
                                    : String.format(Locale.ROOT, "%.1f (n=%.0f)", sum / n, n));
                }
            });
            if (line.length() > 0) {
                lines.add(service + ": " + line);
            }
        });
        return lines;
    }

    /** A short name: "POST /integrations/pagerduty/v2/enqueue 202", "outbox lag", "timer lateness sla-breach". */
    private static String label(String key) {
        if (key.startsWith("http_server_requests_seconds")) {
            return value(key, "method") + " " + value(key, "uri") + " " + value(key, "status");
        }
        String name = key.substring("tierline_".length(), key.indexOf("_count"))
                .replace("_seconds", "").replace('_', ' ');
        String labels = key.contains("{") ? key.substring(key.indexOf('{') + 1, key.lastIndexOf('}')) : "";
        return labels.isEmpty() ? name : name + " " + labels.replaceAll("[a-z_]+=\"([^\"]*)\"", "$1");
    }

    private static String value(String key, String label) {
        int at = key.indexOf(label + "=\"");
        if (at < 0) {
            return "";
        }
        int start = at + label.length() + 2;
        return key.substring(start, key.indexOf('"', start));
    }
}
