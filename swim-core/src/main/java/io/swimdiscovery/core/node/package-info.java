/**
 * The node runtime: SwimNode drives one SwimInstance on a single event-loop thread, interprets its directives over a transport, and hands membership events to listeners on another executor.
 */
@NullMarked
package io.swimdiscovery.core.node;

import org.jspecify.annotations.NullMarked;
