/**
 * An application's classes for the rule instrumentation tests. They live outside {@code io.obsagent} because the
 * agent never instruments its own packages; the tests load them through a loader that applies the agent's transformer.
 */
package com.example.shop;
