package io.pinfold.pin.nodepin;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores {@link NodePinStatus} as the lower-case text the table's CHECK constraint names. */
@Converter
public class NodePinStatusColumn implements AttributeConverter<NodePinStatus, String> {
    @Override
    public String convertToDatabaseColumn(NodePinStatus status) {
        return status == null ? null : status.column();
    }

    @Override
    public NodePinStatus convertToEntityAttribute(String column) {
        return column == null ? null : NodePinStatus.fromColumn(column);
    }
}
