package toystore.model;

/** An order replica's role in its epoch; on the wire as these names. */
public enum Role { LEADER, FOLLOWER }
