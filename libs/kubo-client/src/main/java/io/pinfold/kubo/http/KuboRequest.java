package io.pinfold.kubo.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One RPC call: the command path ({@code pin/add}), its arguments and options, and an optional file body. */
public final class KuboRequest {

    private final String command;
    private final List<String[]> query = new ArrayList<>();
    private UploadBody body;

    private KuboRequest(String command) {
        this.command = command;
    }

    /** A call of {@code /api/v0/<command>}, e.g. {@code command("pin/ls")}. */
    public static KuboRequest command(String command) {
        return new KuboRequest(Objects.requireNonNull(command, "command"));
    }

    /** A positional argument (Kubo's {@code arg}); repeated for commands that take several. */
    public KuboRequest arg(String value) {
        query.add(new String[] {"arg", Objects.requireNonNull(value, "arg of " + command)});
        return this;
    }

    public KuboRequest args(Iterable<String> values) {
        values.forEach(this::arg);
        return this;
    }

    public KuboRequest option(String name, String value) {
        query.add(new String[] {name, Objects.requireNonNull(value, name + " of " + command)});
        return this;
    }

    public KuboRequest option(String name, boolean value) {
        return option(name, Boolean.toString(value));
    }

    public KuboRequest option(String name, long value) {
        return option(name, Long.toString(value));
    }

    /** Sets the option only when a value is present, so Kubo's own default applies otherwise. */
    public <T> KuboRequest optionIfPresent(String name, Optional<T> value) {
        value.ifPresent(v -> option(name, v.toString()));
        return this;
    }

    public KuboRequest body(UploadBody body) {
        this.body = Objects.requireNonNull(body, "body");
        return this;
    }

    public String command() {
        return command;
    }

    public Optional<UploadBody> body() {
        return Optional.ofNullable(body);
    }

    /** Path and query relative to the RPC base URL. */
    public String pathAndQuery() {
        StringBuilder uri = new StringBuilder("/api/v0/").append(command);
        char separator = '?';
        for (String[] pair : query) {
            uri.append(separator)
                    .append(URLEncoder.encode(pair[0], StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(pair[1], StandardCharsets.UTF_8));
            separator = '&';
        }
        return uri.toString();
    }
}
