//! The lab: a simulated Exchange organisation.
