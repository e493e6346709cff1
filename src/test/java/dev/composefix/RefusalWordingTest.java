package dev.composefix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fix that cannot be written is reported with the reason of its refusal: the finding says where
 * to change the value, or what in the layout stands in the way, and the file is left as it is.
 */
class RefusalWordingTest {
  @TempDir Path dir;

  private String findings(String file) {
    CliTest.Run r = CliTest.run("", "--select", "no-new-privileges", dir.resolve(file).toString());
    assertEquals(1, r.code(), r.err());
    assertEquals("", r.out(), "nothing is written when the fix is refused");
    return r.err();
  }

  @Test
  void aCommentInsideAFlowMappingIsNamed() throws Exception {
    Files.writeString(
        dir.resolve("compose.yaml"),
        "services:\n  web: {image: nginx:1.27, # the web\n    restart: always}\n");
    String err = findings("compose.yaml");
    assertTrue(
        err.contains(
            "add `security_opt: [no-new-privileges:true]` (not fixed automatically: a comment sits"
                + " inside the flow collection, and rewriting it could lose the comment; change it"
                + " by hand)"),
        err);
  }

  @Test
  void aKeyALaterFileResetsIsChangedThere() throws Exception {
    Files.writeString(dir.resolve("compose.yaml"), "services:\n  db:\n    image: postgres:16\n");
    Files.writeString(
        dir.resolve("compose.override.yaml"), "services:\n  db:\n    security_opt: !reset []\n");
    String err = findings("compose.yaml");
    assertTrue(
        err.contains(
            "(a later file of the project resets or overrides the key, so a value written here"
                + " would not count: change it there)"),
        err);
  }

  @Test
  void aValueFromAnExtendedServiceIsChangedThere() throws Exception {
    Files.writeString(
        dir.resolve("base.yaml"),
        "services:\n  base:\n    image: postgres:16\n    security_opt: [label:disable]\n");
    Files.writeString(
        dir.resolve("compose.yaml"),
        "services:\n  db:\n    extends: {file: base.yaml, service: base}\n");
    String err = findings("compose.yaml");
    assertTrue(
        err.contains("(the value comes from another file or an extended service: change it there)"),
        err);
  }
}
