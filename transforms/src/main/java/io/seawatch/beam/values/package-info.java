/**
 * Element types that travel between the Beam steps and have no home in the domain (a fix with
 * the geofences that contain it, a fix-or-event union). Their coders are in {@code
 * io.seawatch.beam.coders}; both the coders and the analytics depend on this package, not on each
 * other.
 */
package io.seawatch.beam.values;
