package io.pinfold.events.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.pinfold.events.EventData;
import io.pinfold.events.EventType;
import io.pinfold.events.JsonEnum;
import io.pinfold.events.OptionalField;
import io.pinfold.events.SampleEvents;
import io.pinfold.events.validation.InvalidEventException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSON Schemas under {@code schemas/} are the published contract; the records are the code.
 * These tests keep them in step: same fields, same required set, same enum values, the records'
 * JSON passes the schemas, and bad data is refused by both the schemas and the records.
 */
class JsonSchemaContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<EventType, Schema> SCHEMAS = new java.util.concurrent.ConcurrentHashMap<>();
    private final EventCodec codec = new EventCodec();

    static JsonNode schemaJson(EventType type) {
        try (InputStream in = JsonSchemaContractTest.class.getClassLoader().getResourceAsStream(type.schemaResource())) {
            assertThat(in).as("class-path resource " + type.schemaResource()).isNotNull();
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Error> schemaErrors(EventType type, JsonNode data) {
        return SCHEMAS.computeIfAbsent(type, t -> REGISTRY.getSchema(schemaJson(t))).validate(data);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void schemaIsDraft202012AndClosed(EventType type) {
        JsonNode schema = schemaJson(type);

        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.path("title").asText()).isEqualTo(type.shortName());
        assertThat(schema.path("description").asText()).startsWith("Data of CloudEvents type " + type.ceType() + ".");
        assertThat(schema.path("type").asText()).isEqualTo("object");
        assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void schemaHasTheRecordsFieldsAndRequiredSet(EventType type) {
        JsonNode schema = schemaJson(type);

        assertSameShape(schema, schema, type.dataClass(), type.shortName());
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("samples")
    void everySampleEventPassesItsSchema(EventType type, String variant, EventData data) throws IOException {
        JsonNode json = JSON.readTree(codec.encode(data));

        assertThat(schemaErrors(type, json)).isEmpty();
    }

    static Stream<Arguments> samples() {
        List<Arguments> all = new ArrayList<>();
        SampleEvents.full().forEach((type, data) -> all.add(Arguments.of(type, "full", data)));
        SampleEvents.minimal().forEach((type, data) -> all.add(Arguments.of(type, "minimal", data)));
        return all.stream();
    }

    /** Each row: event type, a change to its full sample ({@code -field} removes, {@code field=json} sets). */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "PIN_REQUESTED|-cid",
            "PIN_REQUESTED|cid=\"hello\"",
            "PIN_REQUESTED|cid=\"Qm123\"",
            "PIN_REQUESTED|replication=0",
            "PIN_REQUESTED|replication=17",
            "PIN_REQUESTED|replication=\"2\"",
            "PIN_REQUESTED|replicaton=2",
            "PIN_REQUESTED|origins=[\"1.2.3.4\"]",
            "PIN_REQUESTED|name=\"\"",
            "PIN_REQUESTED|meta={\"a\":1}",
            "PIN_REQUESTED|tenant=\"acme corp\"",
            "PIN_REMOVED|reason=\"gone\"",
            "PIN_REPLACED|-previousCid",
            "PIN_STATUS_CHANGED|-error",
            "PIN_STATUS_CHANGED|nodeId=\"Node_1\"",
            "PIN_STATUS_CHANGED|attempt=0",
            "NODE_REGISTERED|rpcUrl=\"ftp://host\"",
            "NODE_REGISTERED|state=\"up\"",
            "NODE_REGISTERED|zone=\"EU West\"",
            "NODE_REGISTERED|region=\"-eu\"",
            "NODE_REGISTERED|capacityBytes=0",
            "NODE_REGISTERED|capacityBytes=-5",
            "NODE_REGISTERED|tags={\"bad key\":\"x\"}",
            "NODE_REGISTERED|tags={\"disk\":\"s s d\"}",
            "NODE_REGISTERED|tags={\"a\":\"1\",\"b\":\"2\",\"c\":\"3\",\"d\":\"4\",\"e\":\"5\",\"f\":\"6\",\"g\":\"7\",\"h\":\"8\",\"i\":\"9\",\"j\":\"10\",\"k\":\"11\",\"l\":\"12\",\"m\":\"13\",\"n\":\"14\",\"o\":\"15\",\"p\":\"16\",\"q\":\"17\"}",
            "NODE_STATE_CHANGED|state=\"active\"",
            "NODE_STATE_CHANGED|until=\"tomorrow\"",
            "GC_PLANNED|runId=\"run-1\"",
            "GC_PLANNED|rootCount=-1",
            "GC_PLANNED|trigger=\"cron\"",
            "GC_STARTED|drained=\"yes\"",
            "GC_PROGRESS|-batchesDone",
            "GC_COMPLETED|durationMs=1.5",
            "GC_FAILED|-error",
            "NOTICE_RECEIVED|targets=[]",
            "NOTICE_RECEIVED|targets=[{\"path\":\"a\"}]",
            "NOTICE_RECEIVED|targets=[{\"cid\":\"bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4\",\"ipnsName\":\"a.org\"}]",
            "NOTICE_RECEIVED|kind=\"copyright\"",
            "NOTICE_RECEIVED|jurisdiction=\"usa\"",
            "NOTICE_DECIDED|-blockStatus",
            "NOTICE_DECIDED|blockStatus=404",
            "NOTICE_DECIDED|decision=\"maybe\"",
            "NOTICE_RESTORED|-reason",
            "DENYLIST_ENTRY_ADDED|-path",
            "DENYLIST_ENTRY_ADDED|-rule",
            "DENYLIST_ENTRY_ADDED|rule=\"ipfs/x\"",
            "DENYLIST_ENTRY_ADDED|ipnsName=\"example.org\"",
            "DENYLIST_ENTRY_ADDED|doubleHash=\"XYZ\"",
            "DENYLIST_ENTRY_ADDED|status=404",
            "DENYLIST_ENTRY_ADDED|status=410",
            "DENYLIST_ENTRY_ADDED|multihash=\"CIQ\"",
            "DENYLIST_ENTRY_ADDED|path=\"/abs\"",
    })
    void schemaAndRecordsBothRefuseBadData(EventType type, String change) throws IOException {
        ObjectNode json = (ObjectNode) JSON.readTree(codec.encode(SampleEvents.full().get(type)));
        if (change.startsWith("-")) {
            json.remove(change.substring(1));
        } else {
            int eq = change.indexOf('=');
            json.set(change.substring(0, eq), JSON.readTree(change.substring(eq + 1)));
        }
        byte[] bytes = JSON.writeValueAsBytes(json);

        assertThat(schemaErrors(type, json)).as("schema errors for %s", json).isNotEmpty();
        assertThatThrownBy(() -> codec.read(type, bytes, true)).isInstanceOf(InvalidEventException.class);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void schemaExamplesAreValidEvents(EventType type) {
        JsonNode examples = schemaJson(type).path("examples");
        assertThat(examples.isArray() && examples.size() > 0).as("schema of %s has examples", type).isTrue();
        for (JsonNode example : examples) {
            assertThat(schemaErrors(type, example)).isEmpty();
            assertThat(codec.read(type, example.toString().getBytes(StandardCharsets.UTF_8), true)).isNotNull();
        }
    }

    /** Properties, required fields and enums of {@code schemaNode} match the record {@code type}. */
    private static void assertSameShape(JsonNode root, JsonNode schemaNode, Class<?> type, String where) {
        RecordComponent[] components = type.getRecordComponents();
        Set<String> properties = new HashSet<>();
        schemaNode.path("properties").fieldNames().forEachRemaining(properties::add);
        assertThat(properties).as("properties of %s", where)
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(components).map(RecordComponent::getName).toList());

        Set<String> required = new HashSet<>();
        schemaNode.path("required").forEach(name -> required.add(name.asText()));
        assertThat(required).as("required of %s", where).containsExactlyInAnyOrderElementsOf(Arrays.stream(components)
                .filter(c -> !c.isAnnotationPresent(OptionalField.class)).map(RecordComponent::getName).toList());

        for (RecordComponent component : components) {
            JsonNode property = resolve(root, schemaNode.path("properties").path(component.getName()));
            Class<?> javaType = component.getType();
            String at = where + "." + component.getName();
            if (javaType.isEnum()) {
                List<String> values = new ArrayList<>();
                property.path("enum").forEach(v -> values.add(v.asText()));
                assertThat(values).as("enum of %s", at).containsExactlyElementsOf(Arrays.stream(javaType.getEnumConstants())
                        .map(c -> ((JsonEnum) c).json()).toList());
            } else if (javaType.isRecord()) {
                assertSameShape(root, property, javaType, at);
            } else if (javaType == List.class) {
                Class<?> element = (Class<?>) ((ParameterizedType) component.getGenericType()).getActualTypeArguments()[0];
                assertThat(property.path("type").asText()).as("type of %s", at).isEqualTo("array");
                if (element.isRecord()) {
                    assertSameShape(root, resolve(root, property.path("items")), element, at + "[]");
                }
            }
        }
    }

    private static JsonNode resolve(JsonNode root, JsonNode node) {
        String ref = node.path("$ref").asText("");
        return ref.startsWith("#/") ? root.at(ref.substring(1)) : node;
    }
}
