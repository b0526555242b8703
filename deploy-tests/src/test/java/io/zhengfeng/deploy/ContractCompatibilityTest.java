package io.zhengfeng.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Services are deployed one at a time, so a consumer built against an older event-contracts module
 * meets events from a newer producer, and the other way round. The first released contracts
 * (src/test/resources/contracts-v1) are compiled here and loaded in their own class loader; every
 * payload record they share with today's module is written by one side and read by the other the
 * way the platform reads events (IncomingEvent: unknown properties ignored).
 */
class ContractCompatibilityTest {
    /** As Quarkus configures the application's ObjectMapper: ISO-8601 instants. */
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static ClassLoader v1;
    private static List<String> shared;

    @BeforeAll
    static void compileTheFirstReleasedContracts(@TempDir Path out) throws Exception {
        Path src = Path.of(ContractCompatibilityTest.class.getResource("/contracts-v1/io/zhengfeng/contracts").toURI());
        List<String> args = new ArrayList<>(List.of("-d", out.toString(), "--release", "17"));
        try (Stream<Path> files = Files.list(src)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> args.add(f.toString()));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "a JDK runs the tests");
        assertEquals(0, javac.run(null, null, null, args.toArray(String[]::new)), "the v1 contracts compile");
        // Parent: the platform loader, so io.zhengfeng.contracts.* resolves to v1, not today's module.
        v1 = new URLClassLoader(new URL[] {out.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        shared = new ArrayList<>();
        try (Stream<Path> files = Files.list(src)) {
            files.map(f -> f.getFileName().toString().replace(".java", "")).sorted().forEach(name -> {
                Class<?> old = load(v1, name);
                if (old.isRecord()) {
                    shared.add(name);
                }
            });
        }
        assertTrue(shared.containsAll(List.of("ComplaintEvent", "Deadline", "DeadlineBreached", "NotificationOutcome")), shared.toString());
    }

    @Test
    void everyChangeSinceTheFirstReleaseIsAdditive() {
        for (String name : shared) {
            Class<?> old = load(v1, name);
            Class<?> now = load(ContractCompatibilityTest.class.getClassLoader(), name);
            assertTrue(now.isRecord(), name + " is still a record");
            Map<String, String> current = new java.util.HashMap<>();
            for (RecordComponent c : now.getRecordComponents()) {
                current.put(c.getName(), c.getGenericType().getTypeName());
            }
            for (RecordComponent c : old.getRecordComponents()) {
                assertEquals(c.getGenericType().getTypeName(), current.get(c.getName()),
                        name + "." + c.getName() + " is neither removed, renamed nor retyped");
            }
        }
    }

    @Test
    void aConsumerBuiltAgainstTheOldContractsReadsTodaysEvents() throws Exception {
        for (String name : shared) {
            Class<?> now = load(ContractCompatibilityTest.class.getClassLoader(), name);
            Class<?> old = load(v1, name);
            JsonNode written = JSON.valueToTree(sample(now, 7));
            Object read = JSON.readerFor(old).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(written.toString());
            assertContained(JSON.valueToTree(read), written, name);
        }
    }

    @Test
    void aConsumerBuiltAgainstTodaysContractsReadsOldEventsWithNewFieldsAtTheirDefaults() throws Exception {
        boolean sawNewField = false;
        for (String name : shared) {
            Class<?> now = load(ContractCompatibilityTest.class.getClassLoader(), name);
            Class<?> old = load(v1, name);
            JsonNode written = JSON.valueToTree(sample(old, 11));
            JsonNode read = JSON.valueToTree(JSON.readerFor(now)
                    .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(written.toString()));
            assertContained(written, read, name);
            Iterator<String> fields = read.fieldNames();
            while (fields.hasNext()) {
                String f = fields.next();
                if (!written.has(f)) {
                    sawNewField = true;
                    JsonNode v = read.get(f);
                    assertTrue(v.isNull() || v.asText().equals("false") || v.asText().equals("0"),
                            name + "." + f + " absent from an old event reads as its default, was " + v);
                }
            }
        }
        // Deadline gained `provisional` after v1: the check above really met a new field.
        assertTrue(sawNewField);
    }

    /** Every value of {@code part} is in {@code whole} at the same place (lists element by element). */
    private static void assertContained(JsonNode part, JsonNode whole, String where) {
        if (part.isObject()) {
            assertTrue(whole.isObject(), where);
            part.fieldNames().forEachRemaining(f -> assertContained(part.get(f), whole.get(f), where + "." + f));
        } else if (part.isArray()) {
            assertEquals(part.size(), whole.size(), where);
            for (int i = 0; i < part.size(); i++) {
                assertContained(part.get(i), whole.get(i), where + "[" + i + "]");
            }
        } else {
            assertEquals(part, whole, where);
        }
    }

    /** A record with every component set to a non-default value (so a lost field shows). */
    static Object sample(Type type, int seed) throws Exception {
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            Type[] args = p.getActualTypeArguments();
            if (List.class.isAssignableFrom(raw)) {
                return List.of(sample(args[0], seed), sample(args[0], seed + 1));
            }
            if (Set.class.isAssignableFrom(raw)) {
                return Set.of(sample(args[0], seed));
            }
            if (Map.class.isAssignableFrom(raw)) {
                return Map.of("k" + seed, sample(args[1], seed));
            }
            throw new AssertionError("no sample for " + type);
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class) {
            return "s" + seed;
        } else if (c == UUID.class) {
            return new UUID(seed, seed);
        } else if (c == Instant.class) {
            return Instant.ofEpochSecond(1_790_000_000L + seed);
        } else if (c == LocalDate.class) {
            return LocalDate.of(2026, 1, 1).plusDays(seed);
        } else if (c == int.class || c == Integer.class) {
            return seed;
        } else if (c == long.class || c == Long.class) {
            return (long) seed;
        } else if (c == boolean.class || c == Boolean.class) {
            return true;
        } else if (c == double.class || c == Double.class) {
            return seed + 0.5;
        } else if (c.isEnum()) {
            return c.getEnumConstants()[seed % c.getEnumConstants().length];
        } else if (c.isRecord()) {
            RecordComponent[] parts = c.getRecordComponents();
            Object[] values = new Object[parts.length];
            for (int i = 0; i < parts.length; i++) {
                values[i] = sample(parts[i].getGenericType(), seed + i);
            }
            var ctor = c.getDeclaredConstructor(Arrays.stream(parts).map(RecordComponent::getType).toArray(Class[]::new));
            ctor.setAccessible(true);
            return ctor.newInstance(values);
        }
        throw new AssertionError("no sample for " + type);
    }

    private static Class<?> load(ClassLoader loader, String simpleName) {
        try {
            Class<?> c = Class.forName("io.zhengfeng.contracts." + simpleName, true, loader);
            assertFalse(loader == v1 && c.getClassLoader() != v1, simpleName + " comes from the v1 module");
            return c;
        } catch (ClassNotFoundException e) {
            throw new AssertionError(simpleName + " disappeared from event-contracts", e);
        }
    }
}
