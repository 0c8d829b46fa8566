package io.pinfold.takedown.report;

import io.pinfold.runtime.rest.ApiError;
import io.pinfold.runtime.rest.RequestRejected;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The transparency report. Public, as such reports are: it holds aggregate numbers only (counts by month, legal
 * basis and outcome, decision times), never a notice, a complainant, a contact or the content itself. The period is
 * capped ({@code pinfold.reports.max-months}) and answers may be cached for a minute, since anyone may ask.
 */
@Path("/reports/transparency")
@PermitAll
@Tag(name = "Reports", description = "Public aggregate figures about notices and the denylist")
public class TransparencyReportResource {
    static final String CSV = "text/csv";
    private final TransparencyReportQuery query;
    private final ReportConfig config;

    public TransparencyReportResource(TransparencyReportQuery query, ReportConfig config) {
        this.query = query;
        this.config = config;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, CSV + "; charset=utf-8"})
    @Operation(summary = "Transparency report: notices by month, legal basis and outcome, targets blocked, time to decision (public)",
            description = "Months in UTC, both ends included. Notices count in the month they were received, each once: by legal "
                    + "basis and by outcome, each adding up to the month's notices; the total row sums the months, its decision "
                    + "times are over all decided notices of the period. JSON by default; CSV with Accept: text/csv or format=csv.")
    @APIResponse(responseCode = "200", description = "The report", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TransparencyReport.class)),
            @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING,
                    description = "Header row, one row per month, then a row for month \"total\""))})
    @APIResponse(responseCode = "400", description = "from, to or format is invalid, or the period is too long",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    public Uni<Response> report(
            @Parameter(description = "First month, YYYY-MM (default: eleven months before to)") @QueryParam("from") String from,
            @Parameter(description = "Last month, YYYY-MM (default: the current month, UTC)") @QueryParam("to") String to,
            @Parameter(description = "json or csv; overrides the Accept header", schema = @Schema(enumeration = {"json", "csv"}))
            @QueryParam("format") String format,
            @HeaderParam("Accept") String accept) {
        boolean csv = csv(format, accept);
        ReportPeriod period = ReportPeriod.parse(from, to, YearMonth.now(ZoneOffset.UTC), config.maxMonths());
        return query.report(period).map(report -> {
            Response.ResponseBuilder answer = csv
                    ? Response.ok(TransparencyCsv.write(report), CSV + "; charset=utf-8").header("Content-Disposition",
                            "attachment; filename=\"transparency-" + report.from() + "-" + report.to() + ".csv\"")
                    : Response.ok(report, MediaType.APPLICATION_JSON_TYPE);
            return answer.header("Cache-Control", "public, max-age=" + config.maxAgeSeconds()).header("Vary", "Accept").build();
        });
    }

    private static boolean csv(String format, String accept) {
        if (format != null && !format.isBlank()) {
            return switch (format.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw RequestRejected.badRequest("format", "must be json or csv, got '" + format + "'");
            };
        }
        // The first of the two the client names wins; anything else (or nothing) gets JSON.
        if (accept == null) {
            return false;
        }
        int csvAt = accept.toLowerCase(java.util.Locale.ROOT).indexOf(CSV);
        int jsonAt = accept.toLowerCase(java.util.Locale.ROOT).indexOf(MediaType.APPLICATION_JSON);
        return csvAt >= 0 && (jsonAt < 0 || csvAt < jsonAt);
    }
}
