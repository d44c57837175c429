package org.homeamp.deploy;

/** What a deployment does to one file of an instance. */
public enum FileAction {
    /** A config file edited in place (minimal edit). */
    EDIT,
    /** A file that did not exist, written from the baseline. */
    CREATE,
    /** A new plugin jar put into {@code plugins/}. */
    ADD_JAR,
    /** The jar it replaces, taken out of {@code plugins/} (it stays in the backup). */
    REMOVE_JAR,
    /** Rollback: a file put back as the deployment's backup holds it. */
    RESTORE,
    /** Rollback: a file the deployment created (or a jar it added), taken out again. */
    DELETE
}
