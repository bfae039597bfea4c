package io.tierline.localinfra;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Minimal command-line handling shared by the mains: {@code --name value} or {@code --name=value} options,
 * positional arguments, and a fallback to environment variables, then to a default.
 */
final class Options {

    private final Map<String, String> named = new HashMap<>();
    private final List<String> positional = new ArrayList<>();

    private Options() {
    }

    static Options parse(String[] args) {
        Options options = new Options();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("--") && arg.length() > 2) {
                String body = arg.substring(2);
                int eq = body.indexOf('=');
                if (eq >= 0) {
                    options.named.put(body.substring(0, eq), body.substring(eq + 1));
                } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                    options.named.put(body, args[++i]);
                } else {
                    options.named.put(body, "true");
                }
            } else {
                options.positional.add(arg);
            }
        }
        return options;
    }

    boolean has(String name) {
        return named.containsKey(name);
    }

    /** The named option, else the positional argument at {@code index} (if >= 0), else the env variable, else the default. */
    String get(String name, int index, String env, String defaultValue) {
        String value = named.get(name);
        if (value == null && index >= 0 && index < positional.size()) {
            value = positional.get(index);
        }
        if (value == null && env != null) {
            String fromEnv = System.getenv(env);
            if (fromEnv != null && !fromEnv.isBlank()) {
                value = fromEnv;
            }
        }
        return value == null ? defaultValue : value;
    }

    int getInt(String name, int index, String env, int defaultValue) {
        String value = get(name, index, env, null);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, got '" + value + "'");
        }
    }
}
