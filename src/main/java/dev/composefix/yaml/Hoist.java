package dev.composefix.yaml;

/**
 * What a key added to a service's own mapping is, for hoisting: a fix that several services
 * sharing one anchored mapping all want is written once, in that mapping, when key and value agree.
 *
 * @param key the key added
 * @param value the value's text, as written in flow style
 */
public record Hoist(String key, String value) { }
