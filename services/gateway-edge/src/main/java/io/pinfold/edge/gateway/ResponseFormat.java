package io.pinfold.edge.gateway;

import java.util.List;
import java.util.Locale;

/**
 * The response format a request asks for, by {@code ?format=} (which wins, as the spec says) or by Accept. Only used
 * to refuse unknown {@code ?format=} values and to label metrics: Kubo's gateway does the negotiation itself.
 */
public enum ResponseFormat {
    RAW("raw", "application/vnd.ipld.raw"),
    CAR("car", "application/vnd.ipld.car"),
    TAR("tar", "application/x-tar"),
    DAG_JSON("dag-json", "application/vnd.ipld.dag-json"),
    DAG_CBOR("dag-cbor", "application/vnd.ipld.dag-cbor"),
    JSON("json", "application/json"),
    CBOR("cbor", "application/cbor"),
    IPNS_RECORD("ipns-record", "application/vnd.ipfs.ipns-record"),
    /** No explicit format: UnixFS files, directory listings, whatever the content deserialises to. */
    DESERIALIZED("deserialized", null);

    private final String param;
    private final String mediaType;

    ResponseFormat(String param, String mediaType) {
        this.param = param;
        this.mediaType = mediaType;
    }

    /** The label used in metrics, the same as the {@code ?format=} value. */
    public String label() {
        return param;
    }

    /**
     * The format of a request: its {@code format} query value (null when absent) first, then the first Accept media
     * type the trustless and path gateway specs name.
     *
     * @throws BadGatewayRequestException for a {@code ?format=} value the specs do not define
     */
    public static ResponseFormat of(String formatParam, String accept) {
        if (formatParam != null) {
            String wanted = formatParam.strip().toLowerCase(Locale.ROOT);
            for (ResponseFormat format : values()) {
                if (format != DESERIALIZED && format.param.equals(wanted)) {
                    return format;
                }
            }
            throw new BadGatewayRequestException("format", "unknown response format '" + formatParam + "', expected one of "
                    + List.of(values()).stream().filter(f -> f != DESERIALIZED).map(f -> f.param).toList());
        }
        if (accept != null) {
            for (String part : accept.split(",")) {
                String type = part.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
                for (ResponseFormat format : values()) {
                    if (type.equals(format.mediaType)) {
                        return format;
                    }
                }
            }
        }
        return DESERIALIZED;
    }
}
