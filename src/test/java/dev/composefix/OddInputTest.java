package dev.composefix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composefix.CliTest.Run;
import dev.composefix.yaml.Document;
import dev.composefix.yaml.YNode;
import org.junit.jupiter.api.Test;

/** Odd but valid inputs: fixed end to end through the CLI, every byte of their form kept. */
class OddInputTest {
  /**
   * What the default safe rules add to a bare service, in the file's own indentation and quotes.
   */
  static String hardening(String indent, char q, String eol) {
    return (indent
            + "security_opt:\n"
            + indent
            + "  - no-new-privileges:true\n"
            + indent
            + "restart: unless-stopped\n")
        .replace("\n", eol);
  }

  static final String H = hardening("    ", '"', "\n");

  static void fixes(String input, String expected) {
    Run r = CliTest.run(input, FileSystemTest.SELECT, "-");
    assertEquals(expected, r.out(), r.err());
    assertEquals(1, r.code(), r.err());
    Run again = CliTest.run(expected, FileSystemTest.SELECT, "-");
    assertEquals(expected, again.out(), "idempotent");
    assertEquals(0, again.code(), again.err());
  }

  @Test
  void crlf() {
    String in = "services:\r\n  web:\r\n    image: nginx:1.27\r\n";
    fixes(in, in + hardening("    ", '"', "\r\n"));
  }

  @Test
  void bom() {
    String in = "\uFEFFservices:\n  web:\n    image: nginx:1.27\n";
    fixes(in, in + H);
  }

  @Test
  void bomAndCrlfAndNoFinalNewline() {
    String in = "\uFEFFservices:\r\n  web:\r\n    image: nginx:1.27";
    String h = hardening("    ", '"', "\r\n");
    fixes(in, in + "\r\n" + h.substring(0, h.length() - 2));
  }

  @Test
  void noFinalNewline() {
    String in = "services:\n  web:\n    image: nginx:1.27";
    fixes(in, in + "\n" + H.substring(0, H.length() - 1));
  }

  @Test
  void unicodeKeysAndValuesOutsideTheBmp() {
    String head =
        "# 😀 𝄞 before every edit\nservices:\n  wéb-😀:\n    image: nginx:1.27\n    labels:\n"
            + "      \"ключ\": \"значение 𝄞\"\n      emoji: 😀😀😀\n";
    String db = "  db:\n    image: redis:7 # コメント 😀\n";
    fixes(head + db, head + H + db + H);
  }

  @Test
  void nodeSpansAfterSupplementaryCharacters() throws Exception {
    String text = "\uFEFF# 😀😀\nservices:\n  a😀:\n    image: \"𝄞 x\"\n    labels: {k: 😀}\n";
    Document d = Document.parse(text);
    YNode.Mapping svc = (YNode.Mapping) ((YNode.Mapping) d.root).get("services");
    YNode.Entry e = svc.entries.get(0);
    assertEquals("a😀", text.substring(e.key().start(), e.key().end()));
    YNode.Mapping m = (YNode.Mapping) e.value();
    YNode image = m.get("image");
    assertEquals("\"𝄞 x\"", text.substring(image.start(), image.end()));
    YNode labels = m.get("labels");
    assertEquals("{k: 😀}", text.substring(labels.start(), labels.end()));
    assertEquals(4, d.line(image.start()));
  }

  @Test
  void veryLongLine() {
    String in =
        "services:\n  web:\n    image: nginx:1.27\n    command: [\"echo\", \""
            + "x".repeat(200_000)
            + "\"]\n";
    fixes(in, in + H);
  }

  @Test
  void flowMappings() {
    // a key goes into a flow mapping in place; a line that would pass 100 columns is wrapped into
    // block style
    String in = "services:\n  db: {image: redis:7}\n";
    Run r = CliTest.run(in, "--select=no-new-privileges", "-");
    assertEquals(
        "services:\n  db: {image: redis:7, security_opt: [no-new-privileges:true]}\n",
        r.out(),
        r.err());
    String all = CliTest.run(in, FileSystemTest.SELECT, "-").out();
    assertTrue(all.lines().allMatch(l -> l.length() <= 100), all);
    fixes(in, all);
  }

  @Test
  void emptyFlowMappingOpensIntoBlockStyle() {
    Run r =
        CliTest.run(
            "services:\n  app: {}  # the image comes from the override file\n",
            "--select=no-new-privileges",
            "-");
    assertEquals(
        "services:\n  app:  # the image comes from the override file\n    security_opt:\n"
            + "      - no-new-privileges:true\n",
        r.out(),
        r.err());
  }

  @Test
  void filesWithoutServicesAreProcessed() {
    // compose reads a file with only volumes, networks, include, secrets, configs and x- keys
    for (String in :
        new String[] {
          "volumes:\n  data: {}\nnetworks:\n  front:\n    driver: bridge\n",
          "include:\n  - other/compose.yaml\n",
          "secrets:\n  token:\n    file: ./token.txt\nconfigs:\n  app:\n    file: ./app.conf\n",
          "name: demo\nx-defaults: &d\n  restart: always\nvolumes: {}\n"
        }) {
      Run r = CliTest.run(in, FileSystemTest.SELECT, "-");
      assertEquals(0, r.code(), in + r.err());
      assertEquals(in, r.out());
    }
  }

  @Test
  void quotedKeys() {
    String in = "\"services\":\n  'web':\n    \"image\": 'nginx:1.27'\n";
    fixes(in, in + hardening("    ", '"', "\n"));
  }

  @Test
  void tags() {
    // core tags are plain YAML: fixed as usual
    String core =
        "services:\n  web:\n    image: !!str nginx:1.27\n    environment: !!map\n      A: b\n";
    fixes(core, core + H);
    // compose's own tags: composefix's parser reads them, and they stay byte for byte
    String in =
        "services:\n  web:\n    image: !!str nginx:1.27\n    ports: !reset []\n    environment: !override\n"
            + "      A: b\n";
    fixes(in, in + H);
  }

  @Test
  void anchorsAndMergeKeys() {
    String base = "x-base: &base\n  image: nginx:1.27\n  environment:\n    A: b\nservices:\n";
    // what every service merging the block needs goes into the block once
    String h = hardening("  ", '\'', "\n");
    fixes(
        base + "  web:\n    <<: *base\n    ports: ['80:80']\n  api:\n    <<: *base\n",
        base.replace("services:\n", h + "services:\n")
            + "  web:\n    <<: *base\n    ports: ['80:80']\n  api:\n    <<: *base\n");
  }

  @Test
  void interpolationAnywhere() {
    // a logging driver chosen by a variable is not known to be json-file: no rotation is guessed
    String in =
        "services:\n  web:\n    image: ${IMAGE:-nginx:1.27}\n    ports:\n      - \"${PORT:-8080}:80\"\n"
            + "    environment:\n      URL: ${URL:?need url}\n    logging:\n      driver: ${LOG_DRIVER:-json-file}\n";
    fixes(
        in,
        in + "    security_opt:\n      - no-new-privileges:true\n    restart: unless-stopped\n");
  }

  @Test
  void interpolatedRestartIsAValueTheUserSet() {
    String in = "services:\n  web:\n    image: nginx:1.27\n    restart: ${RESTART:-always}\n";
    Run r = CliTest.run(in, "--select", "restart-policy", "-");
    assertEquals(in, r.out());
    assertEquals(0, r.code(), r.err());
  }
}
