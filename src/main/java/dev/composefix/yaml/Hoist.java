package dev.composefix.yaml;

/**
 * What a key added to a service's own mapping is, for hoisting: a fix that several services sharing
 * one anchored mapping all want is written once, in that mapping, when key and value agree.
 *
 * @param key the key added
 * @param value the value's text, as written in flow style
 * @param data the value itself (what {@link Patcher#addEntry} renders), or null: lets the engine
 *     write the key into a block the services merge with {@code <<}; not part of equality
 */
public record Hoist(String key, String value, Object data) {
  public Hoist(String key, String value) {
    this(key, value, null);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Hoist h && h.key.equals(key) && h.value.equals(value);
  }

  @Override
  public int hashCode() {
    return key.hashCode() * 31 + value.hashCode();
  }
}
