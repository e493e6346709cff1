package dev.composefix.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.composefix.knowledge.Knowledge;
import dev.composefix.yaml.Document;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The packed resources the build makes read back to exactly what their sources parse to. */
class PackedTest {
  @ParameterizedTest
  @ValueSource(strings = {"healthchecks", "users", "runtime"})
  void knowledgeTablesReadBackAsTheirYaml(String table) throws Exception {
    assertEquals(Knowledge.parseSource(table), Knowledge.load(table));
  }

  @Test
  void theComposeSchemaReadsBackAsItsJson() throws Exception {
    Object source;
    try (InputStream in = Schema.class.getResourceAsStream("/schema/compose-spec.json")) {
      assertNotNull(in);
      source =
          Values.of(Document.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)).root);
    }
    try (InputStream in =
        Schema.class.getResourceAsStream("/schema/compose-spec.json" + Packed.SUFFIX)) {
      assertNotNull(in, "the build packs the schema");
      assertEquals(source, Packed.unpack(in));
    }
  }

  @Test
  void everyKindOfValueRoundTrips() throws Exception {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("s", "héllo ✓ \uD83D\uDE00");
    m.put("n", -42L);
    m.put("d", 2.5);
    m.put("t", true);
    m.put("f", false);
    m.put("null", null);
    m.put("big", new BigInteger("123456789012345678901234567890"));
    m.put("list", new ArrayList<>(Arrays.asList(1L, "two", null, new ArrayList<>())));
    m.put("", new LinkedHashMap<>());
    Object back = Packed.unpack(new ByteArrayInputStream(Packed.pack(m)));
    assertEquals(m, back);
    assertEquals(
        List.copyOf(m.keySet()), List.copyOf(((Map<?, ?>) back).keySet()), "order is kept");
  }

  @Test
  void somethingElseIsRefused() {
    assertThrows(
        IOException.class,
        () -> Packed.unpack(new ByteArrayInputStream("services: {}".getBytes())));
    assertThrows(IllegalArgumentException.class, () -> Packed.pack(List.of(new Object())));
  }
}
