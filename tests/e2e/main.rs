//! End-to-end tests: the real binary against a temp database.
//! One test binary, so it links once.

mod bad_input;
mod concurrency;
mod contacts;
mod crash;
mod due;
mod due_trust;
mod environment;
mod export;
mod formats;
mod generated;
mod hostile;
mod hostile_data;
mod house;
mod import;
mod interactions;
mod loops;
mod nothing_lost;
mod real_files;
mod reports;
mod rules;
mod scripts;
mod snapshots;
mod stages;
mod storage;
mod sync;
mod util;
