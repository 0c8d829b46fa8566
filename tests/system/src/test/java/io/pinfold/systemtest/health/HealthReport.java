package io.pinfold.systemtest.health;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinfold.systemtest.http.JsonHttp;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** An answer of SmallRye Health ({@code /q/health/ready}, {@code /q/health/live}): the overall status and each check. */
public record HealthReport(int httpStatus, String status, Map<String, Check> checks) {

    /** One named check with its status and data, e.g. "Kafka topics" UP. */
    public record Check(String name, String status, JsonNode data) {
        public boolean up() {
            return "UP".equals(status);
        }
    }

    public static HealthReport parse(JsonHttp.Answer answer) {
        JsonNode json = answer.json();
        Map<String, Check> checks = new LinkedHashMap<>();
        for (JsonNode check : json.path("checks")) {
            String name = check.path("name").asText();
            checks.put(name, new Check(name, check.path("status").asText(), check.path("data")));
        }
        return new HealthReport(answer.status(), json.path("status").asText("(no status)"), checks);
    }

    public boolean up() {
        return httpStatus == 200 && "UP".equals(status);
    }

    public Optional<Check> check(String name) {
        return Optional.ofNullable(checks.get(name));
    }

    /** Names of the checks that are not UP. */
    public Set<String> downChecks() {
        Set<String> down = new TreeSet<>();
        checks.values().stream().filter(check -> !check.up()).forEach(check -> down.add(check.name()));
        return down;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder().append(httpStatus).append(' ').append(status).append(" {");
        checks.values().forEach(check -> text.append(check.name()).append(": ").append(check.status())
                .append(check.data().isMissingNode() ? "" : " " + check.data()).append("; "));
        return text.append('}').toString();
    }
}
