package io.tierline.bench.storm;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the machine's CPU went during a phase (Linux /proc): each named process (the stack's JVMs, Alertmanager, the
 * bench itself), PostgreSQL's backends of the stack's database apart from its shared processes and other databases'
 * backends, and everything else. On a shared machine "other processes" is the noise the figures carry.
 */
final class Cpu {

    /** Linux clock ticks per second (USER_HZ), 100 on every common configuration. */
    private static final double TICKS_PER_SECOND = 100.0;

    record Snapshot(long nanos, long machineBusy, long machineTotal, Map<Long, Long> ticksByPid,
                    Map<Long, String> groupByPid) {
    }

    /** CPU per group over a phase, in % of one core; {@code machine} is % of all cores. */
    record Usage(double seconds, double machinePercent, int cores, Map<String, Double> percentOfCore) {
    }

    private final Map<String, Long> named;
    private final String database;

    Cpu(Map<String, Long> named, String database) {
        this.named = new LinkedHashMap<>(named);
        this.database = database;
    }

    void name(String group, long pid) {
        named.put(group, pid);
    }

    boolean available() {
        return Files.isReadable(Path.of("/proc/stat"));
    }

    Snapshot take() {
        long busy = 0;
        long total = 0;
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            for (int i = 1; i < cpu.length && i <= 8; i++) {
                long v = Long.parseLong(cpu[i]);
                total += v;
                if (i != 4 && i != 5) { // idle, iowait
                    busy += v;
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc: no accounting
        }
        Map<Long, Long> ticks = new LinkedHashMap<>();
        Map<Long, String> groups = new LinkedHashMap<>();
        Map<Long, String> byPid = new LinkedHashMap<>();
        named.forEach((name, pid) -> byPid.put(pid, name));
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path proc : procs) {
                long pid;
                try {
                    pid = Long.parseLong(proc.getFileName().toString());
                    String stat = Files.readString(proc.resolve("stat"));
                    int close = stat.lastIndexOf(')');
                    String comm = stat.substring(stat.indexOf('(') + 1, close);
                    String[] fields = stat.substring(close + 2).split(" ");
                    long used = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
                    ticks.put(pid, used);
                    groups.put(pid, group(pid, comm, proc, byPid));
                } catch (IOException | RuntimeException e) {
                    // the process ended while we looked
                }
            }
        } catch (IOException e) {
            // no /proc
        }
        return new Snapshot(System.nanoTime(), busy, total, ticks, groups);
    }

    private String group(long pid, String comm, Path proc, Map<Long, String> byPid) throws IOException {
        String name = byPid.get(pid);
        if (name != null) {
            return name;
        }
        if (comm.equals("postgres")) {
            String cmdline = Files.readString(proc.resolve("cmdline")).replace('\0', ' ');
            // a backend reads "postgres: [cluster:] user database host(port) state"
            if (!database.isEmpty() && cmdline.contains(" " + database + " ")) {
                return "postgres (" + database + " backends)";
            }
            return cmdline.matches(".*\\d+\\.\\d+\\.\\d+\\.\\d+\\(\\d+\\).*") || cmdline.contains("[local]")
                    ? "postgres (other databases' backends)" : "postgres (shared processes)";
        }
        return "other processes";
    }

    static Usage between(Snapshot a, Snapshot b, List<String> order) {
        double seconds = (b.nanos() - a.nanos()) / 1e9;
        Map<String, Double> ticks = new LinkedHashMap<>();
        order.forEach(name -> ticks.put(name, 0.0));
        b.ticksByPid().forEach((pid, used) -> {
            long before = a.ticksByPid().getOrDefault(pid, 0L);
            // a process that started during the phase counts from 0 (its whole life, at most a bit more)
            ticks.merge(b.groupByPid().get(pid), (double) Math.max(0, used - before), Double::sum);
        });
        Map<String, Double> percent = new LinkedHashMap<>();
        ticks.forEach((group, t) -> percent.put(group, seconds <= 0 ? 0 : 100.0 * t / TICKS_PER_SECOND / seconds));
        long busy = b.machineBusy() - a.machineBusy();
        long total = b.machineTotal() - a.machineTotal();
        return new Usage(seconds, total <= 0 ? 0 : 100.0 * busy / total, Runtime.getRuntime().availableProcessors(),
                percent);
    }
}
