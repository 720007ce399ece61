//! The data set shipped in `data/`, compiled into the binary by `build.rs`.

include!(concat!(env!("OUT_DIR"), "/embedded_data.rs"));
