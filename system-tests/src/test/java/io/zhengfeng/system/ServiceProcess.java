package io.zhengfeng.system;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.zhengfeng.testing.FreePorts;

/** One packaged service ({@code <module>/target/quarkus-app/quarkus-run.jar}) running as its own process. */
final class ServiceProcess implements AutoCloseable {
    private static final Path ROOT = Path.of(System.getProperty("zf.root", "..")).toAbsolutePath().normalize();

    final String name;
    final int port;
    /** Quarkus's management interface (health, metrics): in production the only place they answer. */
    final int managementPort;
    private final Map<String, String> env;
    private Process process;

    ServiceProcess(String name, Map<String, String> env) {
        this.name = name;
        this.port = FreePorts.next();
        this.managementPort = FreePorts.next();
        this.env = new HashMap<>(env);
        this.env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        this.env.put("ZF_MANAGEMENT_PORT", Integer.toString(managementPort));
    }

    /** Sets an environment variable for the next start (e.g. a clock offset known only once others run). */
    ServiceProcess env(String key, String value) {
        env.put(key, value);
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    ServiceProcess start() throws IOException {
        Path jar = ROOT.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run ./mvnw verify (it packages every service first)");
        }
        Path logs = ROOT.resolve("system-tests/target/service-logs");
        Files.createDirectories(logs);
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(logName()).toFile()));
        builder.environment().putAll(env);
        process = builder.start();
        return this;
    }

    /** This process's log file. */
    Path log() {
        return ROOT.resolve("system-tests/target/service-logs").resolve(logName());
    }

    /** One log per process: replicas of a service must not interleave. */
    private String logName() {
        return name + "-" + port + ".log";
    }

    void awaitReady(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue()
                        + "; see system-tests/target/service-logs/" + logName() + ", which ends:\n" + logTail(20));
            }
            // ready on the management port (prod answers health only there), and the main port, which
            // the gateway forwards to, bound: Quarkus opens the management port first
            if (managementStatus("/q/health/ready") == 200 && status("/q/health/ready") > 0) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " not ready within " + timeout + "; see its log");
    }

    /** The last lines of this process's log, for a failure message (CI keeps no log files). */
    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log());
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Waits for the process to end by itself; its exit code, or empty if it still runs after the timeout. */
    java.util.OptionalInt awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                ? java.util.OptionalInt.of(process.exitValue()) : java.util.OptionalInt.empty();
    }

    /** SIGKILL: no shutdown hook, no flush — a crash. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    int status(String path) {
        return status(url(), path);
    }

    int managementStatus(String path) {
        return status(managementUrl(), path);
    }

    private static int status(String base, String path) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(base + path).toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(2000);
            return c.getResponseCode();
        } catch (IOException e) {
            return -1;
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
