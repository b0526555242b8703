package io.zhengfeng.platform.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The State Council's announced public holidays and make-up working days (调休上班), year by year.
 * Immutable and thread-safe.
 *
 * <p>The JSON format (see {@code /calendar/cn-mainland.json}):
 * <pre>{@code
 * {"source": "...",
 *  "years": {"2026": {"notice": "国办发明电〔2025〕7号",
 *                     "holidays": [{"name": "元旦", "days": ["2026-01-01", "2026-01-02", "2026-01-03"]}, ...],
 *                     "makeUpWorkingDays": ["2026-01-04", ...]}}}
 * }</pre>
 * {@code holidays} lists every day off of each period, weekend days inside it included. Unknown
 * fields are ignored. Loading rejects (with {@link IllegalArgumentException}) a year key that is
 * not a number, a malformed date, a date listed twice, a date both holiday and make-up day, a
 * make-up day that is not a Saturday or Sunday, and a date more than a year away from its notice's
 * year (a notice may put a holiday on 31 December of the year before, as the 2023 one did).
 *
 * <p>A year missing from the data is never guessed: {@link #knows(int)} says whether it is there.
 */
public final class HolidayData {

    /** Classpath location of the bundled mainland-China data. */
    public static final String BUNDLED_RESOURCE = "/calendar/cn-mainland.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One named holiday period of a notice. */
    public record Holiday(String name, List<LocalDate> days) {
        public Holiday {
            Objects.requireNonNull(name, "name");
            days = List.copyOf(new TreeSet<>(Objects.requireNonNull(days, "days")));
        }
    }

    /** One year's notice. */
    public record Notice(int year, String notice, List<Holiday> holidays, List<LocalDate> makeUpWorkingDays) {
        public Notice {
            notice = notice == null ? "" : notice;
            holidays = List.copyOf(Objects.requireNonNull(holidays, "holidays"));
            makeUpWorkingDays = List.copyOf(new TreeSet<>(Objects.requireNonNull(makeUpWorkingDays, "makeUpWorkingDays")));
        }

        /** Every day off of the notice, sorted. */
        public List<LocalDate> daysOff() {
            TreeSet<LocalDate> all = new TreeSet<>();
            holidays.forEach(h -> all.addAll(h.days()));
            return List.copyOf(all);
        }
    }

    private static final class BundledHolder {
        static final HolidayData INSTANCE = readBundled();
    }

    private final String source;
    private final Map<Integer, Notice> notices;       // sorted by year, unmodifiable
    private final Set<LocalDate> daysOff;              // across all notices
    private final Set<LocalDate> makeUpWorkingDays;    // across all notices

    private HolidayData(String source, Map<Integer, Notice> notices) {
        this.source = source == null ? "" : source;
        TreeMap<Integer, Notice> sorted = new TreeMap<>(notices);
        Set<LocalDate> off = new HashSet<>();
        Set<LocalDate> makeUp = new HashSet<>();
        Map<LocalDate, Integer> seen = new TreeMap<>();
        for (Notice n : sorted.values()) {
            validate(n, seen);
            off.addAll(n.daysOff());
            makeUp.addAll(n.makeUpWorkingDays());
        }
        this.notices = Collections.unmodifiableMap(sorted);
        this.daysOff = Set.copyOf(off);
        this.makeUpWorkingDays = Set.copyOf(makeUp);
    }

    /** Data that knows no year at all: a calendar over it is plain Monday–Friday. */
    public static HolidayData empty() {
        return new HolidayData("", Map.of());
    }

    /** Builds data from notices already in memory (for instance edited by an admin). */
    public static HolidayData of(String source, List<Notice> notices) {
        Map<Integer, Notice> byYear = new TreeMap<>();
        for (Notice n : notices) {
            if (byYear.put(n.year(), n) != null) {
                throw new IllegalArgumentException("two notices for year " + n.year());
            }
        }
        return new HolidayData(source, byYear);
    }

    /** A copy of this data with {@code notice} added, replacing any notice of the same year. */
    public HolidayData withNotice(Notice notice) {
        Map<Integer, Notice> copy = new TreeMap<>(notices);
        copy.put(notice.year(), notice);
        return new HolidayData(source, copy);
    }

    /** A copy of this data without {@code year}'s notice (that year counts Monday–Friday). */
    public HolidayData withoutNotice(int year) {
        if (!notices.containsKey(year)) {
            return this;
        }
        Map<Integer, Notice> copy = new TreeMap<>(notices);
        copy.remove(year);
        return new HolidayData(source, copy);
    }

    /**
     * Checks one notice on its own (the rules of {@link #load}): a date twice, a date both holiday
     * and make-up day, a make-up day that is not a weekend day, a date more than a year away.
     *
     * @throws IllegalArgumentException naming the first problem
     */
    public static void check(Notice notice) {
        validate(notice, new TreeMap<>());
    }

    /**
     * Reads the JSON format described above. The stream is read to the end but not closed.
     *
     * @throws IllegalArgumentException if the content is malformed or inconsistent
     * @throws UncheckedIOException     if reading fails
     */
    public static HolidayData load(InputStream json) {
        Objects.requireNonNull(json, "json");
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("holiday data is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read holiday data", e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("holiday data must be a JSON object");
        }
        String source = root.path("source").asText("");
        JsonNode years = root.path("years");
        if (!years.isObject()) {
            throw new IllegalArgumentException("holiday data has no \"years\" object");
        }
        Map<Integer, Notice> notices = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : years.properties()) {
            int year;
            try {
                year = Integer.parseInt(e.getKey().trim());
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("year key is not a number: " + e.getKey());
            }
            notices.put(year, parseYear(year, e.getValue()));
        }
        return new HolidayData(source, notices);
    }

    /** The bundled mainland-China data ({@value #BUNDLED_RESOURCE}), read once. */
    public static HolidayData bundled() {
        return BundledHolder.INSTANCE;
    }

    private static HolidayData readBundled() {
        try (InputStream in = HolidayData.class.getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + BUNDLED_RESOURCE + " is missing");
            }
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + BUNDLED_RESOURCE, e);
        }
    }

    private static Notice parseYear(int year, JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(year + ": must be an object");
        }
        String notice = node.path("notice").asText("");
        List<Holiday> holidays = new ArrayList<>();
        JsonNode hs = node.path("holidays");
        if (!hs.isMissingNode() && !hs.isArray()) {
            throw new IllegalArgumentException(year + ": \"holidays\" must be an array");
        }
        for (JsonNode h : hs) {
            String name = h.path("name").asText("");
            holidays.add(new Holiday(name, parseDates(year + " " + name, h.path("days"))));
        }
        List<LocalDate> makeUp = parseDates(year + " makeUpWorkingDays", node.path("makeUpWorkingDays"));
        return new Notice(year, notice, holidays, makeUp);
    }

    private static List<LocalDate> parseDates(String where, JsonNode array) {
        if (array.isMissingNode() || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw new IllegalArgumentException(where + ": must be an array of dates");
        }
        List<LocalDate> dates = new ArrayList<>();
        Set<LocalDate> unique = new HashSet<>();
        for (JsonNode d : array) {
            LocalDate date;
            try {
                date = LocalDate.parse(d.asText());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(where + ": not an ISO date: " + d);
            }
            if (!unique.add(date)) {
                throw new IllegalArgumentException(where + ": " + date + " is listed twice");
            }
            dates.add(date);
        }
        return dates;
    }

    private static void validate(Notice n, Map<LocalDate, Integer> seen) {
        Set<LocalDate> off = new HashSet<>();
        for (Holiday h : n.holidays()) {
            for (LocalDate d : h.days()) {
                if (!off.add(d)) {
                    throw new IllegalArgumentException(n.year() + ": " + d + " is in two holiday periods");
                }
            }
        }
        for (LocalDate d : n.makeUpWorkingDays()) {
            if (off.contains(d)) {
                throw new IllegalArgumentException(n.year() + ": " + d + " is both a holiday and a make-up working day");
            }
            if (!isWeekend(d)) {
                throw new IllegalArgumentException(n.year() + ": make-up working day " + d + " is a "
                        + d.getDayOfWeek() + ", not a weekend day");
            }
        }
        Set<LocalDate> all = new HashSet<>(off);
        all.addAll(n.makeUpWorkingDays());
        for (LocalDate d : all) {
            if (Math.abs(d.getYear() - n.year()) > 1) {
                throw new IllegalArgumentException(n.year() + ": " + d + " is too far from the notice's year");
            }
            Integer other = seen.putIfAbsent(d, n.year());
            if (other != null) {
                throw new IllegalArgumentException(d + " is in the notices of both " + other + " and " + n.year());
            }
        }
    }

    static boolean isWeekend(LocalDate d) {
        DayOfWeek w = d.getDayOfWeek();
        return w == DayOfWeek.SATURDAY || w == DayOfWeek.SUNDAY;
    }

    /** Where the data comes from, free text. */
    public String source() {
        return source;
    }

    /** Whether the notice for {@code year} is in the data. */
    public boolean knows(int year) {
        return notices.containsKey(year);
    }

    /** The years whose notice is in the data, ascending. */
    public Set<Integer> years() {
        return Collections.unmodifiableSet(new TreeSet<>(notices.keySet()));
    }

    /** The notice of {@code year}, if known. */
    public Optional<Notice> notice(int year) {
        return Optional.ofNullable(notices.get(year));
    }

    /** The named holiday periods of {@code year}'s notice; empty if the year is unknown. */
    public List<Holiday> namedHolidays(int year) {
        Notice n = notices.get(year);
        return n == null ? List.of() : n.holidays();
    }

    /**
     * Every day off by {@code year}'s notice, weekend days included, sorted; empty if the year is
     * unknown (check {@link #knows(int)}).
     */
    public List<LocalDate> holidays(int year) {
        Notice n = notices.get(year);
        return n == null ? List.of() : n.daysOff();
    }

    /** The make-up working days of {@code year}'s notice, sorted; empty if the year is unknown. */
    public List<LocalDate> makeUpWorkingDays(int year) {
        Notice n = notices.get(year);
        return n == null ? List.of() : n.makeUpWorkingDays();
    }

    /** Whether some notice gives {@code date} off. */
    public boolean isHoliday(LocalDate date) {
        return daysOff.contains(date);
    }

    /** Whether some notice declares {@code date} a make-up working day. */
    public boolean isMakeUpWorkingDay(LocalDate date) {
        return makeUpWorkingDays.contains(date);
    }

    @Override
    public String toString() {
        return "HolidayData" + notices.keySet();
    }
}
