package io.pinfold.takedown.notice;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A takedown notice as a complainant files it (POST /notices). */
@Schema(name = "NoticeSubmission", description = "A takedown notice. Every bad field is named in the 400 answer; a notice is stored whole or not at all.")
public record NoticeSubmission(
        @Schema(required = true, enumeration = {"dmca", "abuse", "malware", "csam", "court-order", "other"},
                description = "The legal basis; dmca and court-order block with 451, the others with 410") String legalBasis,
        @Schema(required = true, maxLength = 255, example = "Example Rights LLC", description = "Who files the notice") String complainant,
        @Schema(required = true, maxLength = 320, example = "legal@example.com", description = "How to reach the complainant (never published)") String contact,
        @Schema(required = true, description = "What to take down, one per item, in any form: a CID (any version or base), "
                + "CID/path, /ipfs/… or /ipns/… path, IPNS name, DNSLink domain, gateway URL (path or subdomain style, "
                + "DNSLink names inlined with - and --), ipfs:// or ipns:// URL; a trailing * blocks everything below a path",
                example = "[\"https://ipfs.io/ipfs/bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4\", \"example.org/films/*\"]")
        List<String> targets,
        @Schema(description = "Links (http or https) to evidence") List<String> evidence,
        @Schema(maxLength = 8192, description = "The complaint in the complainant's words") String description,
        @Schema(pattern = "^[A-Z]{2}$", example = "US", description = "ISO 3166-1 alpha-2 country whose law the notice invokes") String jurisdiction) {
}
