//! End-to-end tests: the real binary against a temp database.
//! One test binary, so it links once.

mod bad_input;
mod contacts;
mod crash;
mod due;
mod export;
mod generated;
mod import;
mod interactions;
mod reports;
mod rules;
mod stages;
mod storage;
mod util;
