package io.zhengfeng.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tiny command-line reader shared by the mains: {@code --name value}, {@code --name=value} and
 * positional arguments. Every option also has an environment variable, and a default.
 */
final class Cli {
    private final Map<String, String> options = new HashMap<>();
    private final List<String> positional = new ArrayList<>();

    private Cli() {
    }

    static Cli parse(String[] args) {
        Cli cli = new Cli();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("--")) {
                String name = arg.substring(2);
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    cli.options.put(name.substring(0, eq), name.substring(eq + 1));
                } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                    cli.options.put(name, args[++i]);
                } else {
                    cli.options.put(name, "true");
                }
            } else {
                cli.positional.add(arg);
            }
        }
        return cli;
    }

    boolean has(String name) {
        return options.containsKey(name);
    }

    /** Option, else positional argument {@code index} (-1: none), else environment, else default. */
    String get(String name, int index, String envVar, String defaultValue) {
        String value = options.get(name);
        if (value == null && index >= 0 && index < positional.size()) {
            value = positional.get(index);
        }
        if (value == null && envVar != null) {
            String env = System.getenv(envVar);
            if (env != null && !env.isBlank()) {
                value = env;
            }
        }
        return value != null ? value : defaultValue;
    }

    int getInt(String name, int index, String envVar, int defaultValue) {
        String value = get(name, index, envVar, null);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, got '" + value + "'");
        }
    }

    Path getPath(String name, int index, String envVar, String defaultValue) {
        return Path.of(get(name, index, envVar, defaultValue)).toAbsolutePath().normalize();
    }

    static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
