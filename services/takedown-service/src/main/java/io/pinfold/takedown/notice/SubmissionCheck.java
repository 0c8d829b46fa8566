package io.pinfold.takedown.notice;

import io.pinfold.runtime.rest.RequestRejected;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks a whole submission and names every bad field at once (targets by index and text), so a complainant
 * fixes everything in one round; nothing is stored unless all of it is right.
 */
public final class SubmissionCheck {
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private final TargetParser parser = new TargetParser();
    private final IntakeConfig config;

    public SubmissionCheck(IntakeConfig config) {
        this.config = config;
    }

    /** The parsed targets, in submission order. @throws RequestRejected 400 naming every bad field */
    public List<ParsedTarget> check(NoticeSubmission notice) {
        List<String> problems = new ArrayList<>();
        if (notice == null) {
            throw RequestRejected.badRequest("body", "a JSON object is required");
        }
        if (blank(notice.legalBasis())) {
            problems.add("legalBasis: is required (one of " + LegalBasis.codes() + ")");
        } else {
            try {
                LegalBasis.fromCode(notice.legalBasis());
            } catch (IllegalArgumentException e) {
                problems.add("legalBasis: " + e.getMessage());
            }
        }
        text(problems, "complainant", notice.complainant(), 255, true);
        text(problems, "contact", notice.contact(), 320, true);
        text(problems, "description", notice.description(), 8192, false);
        if (notice.jurisdiction() != null && !COUNTRY.matcher(notice.jurisdiction()).matches()) {
            problems.add("jurisdiction: must be an ISO 3166-1 alpha-2 code such as US, got '" + shorten(notice.jurisdiction()) + "'");
        }
        List<ParsedTarget> targets = new ArrayList<>();
        List<String> given = notice.targets();
        if (given == null || given.isEmpty()) {
            problems.add("targets: at least one target is required");
        } else if (given.size() > config.maxTargets()) {
            problems.add("targets: at most " + config.maxTargets() + " per notice, got " + given.size() + "; file several notices");
        } else {
            for (int i = 0; i < given.size(); i++) {
                try {
                    targets.add(parser.parse(given.get(i)));
                } catch (TargetParseException e) {
                    problems.add("targets[" + i + "]: '" + shorten(given.get(i)) + "' " + e.getMessage());
                }
            }
        }
        List<String> evidence = notice.evidence() == null ? List.of() : notice.evidence();
        if (evidence.size() > config.maxEvidence()) {
            problems.add("evidence: at most " + config.maxEvidence() + " links, got " + evidence.size());
        } else {
            for (int i = 0; i < evidence.size(); i++) {
                String problem = linkProblem(evidence.get(i));
                if (problem != null) {
                    problems.add("evidence[" + i + "]: " + problem);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new RequestRejected(400, "BAD_REQUEST", String.join("; ", problems));
        }
        return targets;
    }

    static void text(List<String> problems, String field, String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                problems.add(field + ": is required");
            }
            return;
        }
        if (value.length() > max) {
            problems.add(field + ": must be at most " + max + " characters, got " + value.length());
        } else if (!storable(value)) {
            problems.add(field + ": must be text without NUL characters or unpaired surrogates");
        }
    }

    private static String linkProblem(String link) {
        if (link == null || link.isBlank()) {
            return "must be an http or https URL, got nothing";
        }
        if (link.length() > 2048) {
            return "must be at most 2048 characters, got " + link.length();
        }
        try {
            URI uri = new URI(link.strip());
            if (uri.getScheme() == null || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))
                    || uri.getRawAuthority() == null) {
                return "must be an http or https URL, got '" + shorten(link) + "'";
            }
            return null;
        } catch (URISyntaxException e) {
            return "must be an http or https URL (" + e.getReason() + "), got '" + shorten(link) + "'";
        }
    }

    /** PostgreSQL text holds no NUL, and a lone surrogate has no UTF-8 form. */
    static boolean storable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    static String shorten(String text) {
        String value = text == null ? "" : text.strip();
        return value.length() <= 120 ? value : value.substring(0, 117) + "...";
    }
}
