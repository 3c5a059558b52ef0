/**
 * The contract's version. Bump it when a method, event or shape changes incompatibly; the
 * client refuses to talk to a host with another version (checked at connect time).
 */
export const CONTRACT_VERSION = 1;
