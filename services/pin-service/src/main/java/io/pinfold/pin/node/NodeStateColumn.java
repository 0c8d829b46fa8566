package io.pinfold.pin.node;

import io.pinfold.events.node.NodeState;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a node state as its contract name ("active"), the same word the events and the API use. */
@Converter
public class NodeStateColumn implements AttributeConverter<NodeState, String> {
    @Override
    public String convertToDatabaseColumn(NodeState state) {
        return state == null ? null : state.json();
    }

    @Override
    public NodeState convertToEntityAttribute(String column) {
        return column == null ? null : NodeState.fromJson(column);
    }
}
