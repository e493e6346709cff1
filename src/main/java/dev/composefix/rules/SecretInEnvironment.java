package dev.composefix.rules;

import dev.composefix.compose.Service;
import dev.composefix.rule.Check;
import dev.composefix.rule.RuleContext;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Reports passwords, tokens and keys written as literal values in {@code environment}. */
public final class SecretInEnvironment extends Check {
  private static final Pattern SECRET_NAME =
      Pattern.compile(
          "(?i).*(PASSWORD|PASSWD|_PASS|_PWD|TOKEN|SECRET|_KEY|APIKEY|PASSPHRASE|CREDENTIALS?)");
  private static final Pattern NOT_SECRET_NAME =
      Pattern.compile(
          "(?i).*(PUBLIC_KEY|PUB_KEY|_FILE|_PATH|_DIR|_URL|_URI|_HOST|_PORT|_USER|_USERNAME|_NAME|_LENGTH|_ID"
              + "|_TTL|_EXPIRY|_EXPIRES|_EXPIRATION|_TIMEOUT|_ENABLED|_REQUIRED|_ALGORITHM|_TYPE|_HASH|_METHOD|_POLICY"
              + "|_HEADER|_COOKIE_NAME)");
  private static final Pattern ABSOLUTE_PATH = Pattern.compile("/[\\w.@+-]+(/[\\w.@+-]+)*/?");

  /** Values that switch a behaviour rather than hold a secret (MYSQL_RANDOM_ROOT_PASSWORD=yes). */
  private static final Pattern FLAG =
      Pattern.compile("(?i)(true|false|yes|no|on|off|0|1|none|null|empty|random)");

  static boolean secretName(String name) {
    return SECRET_NAME.matcher(name).matches()
        && !NOT_SECRET_NAME.matcher(name).matches()
        && !name.toUpperCase(Locale.ROOT).contains("ALLOW_EMPTY");
  }

  static boolean secretValue(String v) {
    String t = v.strip();
    if (t.length() >= 2
        && (t.startsWith("\"") && t.endsWith("\"") || t.startsWith("'") && t.endsWith("'"))) {
      t = t.substring(1, t.length() - 1);
    }
    // an absolute path names the file that holds the secret (SERVER_SSL_KEY=/certs/key.pem), not
    // the secret
    return !t.isEmpty()
        && !t.contains("$")
        && !FLAG.matcher(t).matches()
        && !ABSOLUTE_PATH.matcher(t).matches();
  }

  @Override
  protected void checkService(RuleContext ctx, Service s, Set<String> oneShot) {
    for (Environment.Var v : Environment.of(s).vars().values()) {
      if (v.value() == null || !secretName(v.name()) || !secretValue(v.value())) {
        continue;
      }
      ctx.report(
          v.at(),
          s,
          "service '"
              + s.name
              + "' sets "
              + v.name()
              + " to a literal value in the compose file,"
              + " where anyone who can read the file (or `docker inspect`) sees it; move it to a `secrets:` entry"
              + " (read through "
              + v.name()
              + "_FILE where the image supports it) or to a variable set outside the"
              + " file (`${"
              + v.name()
              + "}` from .env)");
    }
  }
}
