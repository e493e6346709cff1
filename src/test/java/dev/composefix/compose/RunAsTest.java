package dev.composefix.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composefix.knowledge.Knowledge;
import dev.composefix.yaml.Document;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunAsTest {

  @Test
  void everyTableEntryHasAPatternAUidAndASource() {
    List<Map<String, Object>> entries = Knowledge.entries(RunAs.TABLE, "images");
    assertFalse(entries.isEmpty());
    for (Map<String, Object> e : entries) {
      assertNotNull(e.get("image"), e.toString());
      assertTrue(e.get("uid") instanceof Number, e.toString());
      assertTrue(String.valueOf(e.get("source")).contains("http"), "no public source: " + e);
    }
  }

  static RunAs of(String yaml) throws Exception {
    ComposeFile f = ComposeFile.of(Document.parse(yaml), "compose.yaml");
    return RunAs.of(f.services().get(0));
  }

  @Test
  void tagsMatter() throws Exception {
    assertEquals(65532, of("services: {a: {image: 'gcr.io/distroless/static:nonroot'}}").uid());
    assertEquals(
        65532, of("services: {a: {image: 'gcr.io/distroless/base-debian12:debug-nonroot'}}").uid());
    assertEquals(0, of("services: {a: {image: 'gcr.io/distroless/static:latest'}}").uid());
    assertEquals(0, of("services: {a: {image: 'gcr.io/distroless/static'}}").uid());
    assertFalse(of("services: {a: {image: 'gcr.io/distroless/static@sha256:abc'}}").known());
  }

  @Test
  void explicitUserForms() throws Exception {
    RunAs r = of("services: {a: {image: x/y, user: '1000:2000'}}");
    assertEquals(1000, r.uid());
    assertEquals(2000L, r.gid());
    assertEquals("1000:2000", r.owner());
    r = of("services: {a: {image: x/y, user: 1000}}");
    assertEquals(1000, r.uid());
    assertNull(r.gid(), "the group of a bare UID is not known");
    assertEquals("1000", r.owner());
    assertTrue(of("services: {a: {image: x/y, user: root}}").root());
    assertTrue(of("services: {a: {image: x/y, user: '0:0'}}").root());
    assertFalse(of("services: {a: {image: x/y, user: app}}").known());
    assertFalse(of("services: {a: {image: x/y, user: '${UID}'}}").known());
    assertFalse(of("services: {a: {image: x/y, user: '99999999999'}}").known());
    assertEquals(1000, of("services: {a: {image: 'node:22', user: node}}").uid());
  }

  @Test
  void unknownImagesAreUnknown() throws Exception {
    RunAs r = of("services: {a: {image: 'myorg/app:1'}}");
    assertFalse(r.known());
    assertTrue(r.unknownWhy().contains("myorg/app:1"));
    assertFalse(of("services: {a: {image: '${IMAGE}'}}").known());
    assertFalse(of("services: {a: {build: .}}").known(), "no path: the Dockerfile cannot be read");
  }

  @Test
  void imageOwnedPathsBelongToTheirUser() throws Exception {
    assertTrue(
        of("services: {a: {image: 'grafana/grafana:11.2.0'}}").imageOwns("/var/lib/grafana/"));
    assertFalse(of("services: {a: {image: 'grafana/grafana:11.2.0'}}").imageOwns("/var/lib/other"));
    assertTrue(
        of("services: {a: {image: 'postgres:16', user: postgres}}")
            .imageOwns("/var/lib/postgresql/data"));
    assertFalse(
        of("services: {a: {image: 'postgres:16', user: '1234'}}")
            .imageOwns("/var/lib/postgresql/data"));
    assertTrue(
        of("services: {a: {image: 'bitnami/postgresql:16'}}").imageOwns("/bitnami/postgresql"));
  }
}
