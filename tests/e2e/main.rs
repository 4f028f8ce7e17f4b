//! End-to-end tests: the real binary against a temp database.
//! One test binary, so it links once.

mod bad_input;
mod contacts;
mod due;
mod generated;
mod interactions;
mod stages;
mod storage;
mod util;
