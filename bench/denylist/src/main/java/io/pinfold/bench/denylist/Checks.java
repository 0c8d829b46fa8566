package io.pinfold.bench.denylist;

/** A benchmark of a matcher that finds the wrong rules measures nothing: each setup checks the hits first. */
final class Checks {

    private Checks() {
    }

    static void sameHits(String who, int expected, int blocks, int gateway) {
        if (blocks != expected || gateway != expected) {
            throw new IllegalStateException(who + " found " + blocks + " blocks and " + gateway + " requests blocked, the inputs hold " + expected + " hits");
        }
    }
}
