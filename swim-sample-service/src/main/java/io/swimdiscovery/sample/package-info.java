/**
 * The sample service: a web application that uses the SWIM starter as a user would, with a live
 * cluster page. Depends on the starter's public beans and events only.
 */
@NullMarked
package io.swimdiscovery.sample;

import org.jspecify.annotations.NullMarked;
