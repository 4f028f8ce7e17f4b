fn main() -> std::process::ExitCode {
    rapport::main()
}
