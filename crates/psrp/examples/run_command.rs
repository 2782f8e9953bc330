//! Runs one typed command in a PowerShell child process and prints what comes back, with nothing but
//! `std::process` and threads: the caller owns the I/O, the clock and the randomness, the crate the protocol.
//!
//! ```text
//! cargo run -p psrp --example run_command -- [pwsh path] [command] [Name=Value ...]
//! cargo run -p psrp --example run_command -- pwsh Get-Command Name=Get-Date
//! ```

use std::io::{BufRead, BufReader, Write};
use std::process::{Command as Process, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use psrp::{Client, ClientConfig, Command, Event};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let pwsh = args.next().unwrap_or_else(|| "pwsh".into());
    let mut command = Command::new(args.next().unwrap_or_else(|| "Get-Date".into()));
    for arg in args {
        let (name, value) = arg.split_once('=').ok_or("arguments after the command are Name=Value")?;
        command = command.param(name, value);
    }

    // `-s` makes PowerShell a PSRP server on stdin/stdout (the OutOfProc transport).
    let mut child = Process::new(&pwsh)
        .args(["-s", "-NoLogo", "-NoProfile"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()?;
    let mut stdin = child.stdin.take().ok_or("no stdin")?;
    let stdout = child.stdout.take().ok_or("no stdout")?;
    let (lines_tx, lines) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if lines_tx.send(line).is_err() {
                break;
            }
        }
    });

    // Ids and the session key come from the OS generator here; a test would pass a seeded one.
    let mut client = Client::new(ClientConfig::default(), Box::new(rand::rngs::OsRng));
    client.open()?;
    let mut closed = false;
    while !closed {
        while let Some(line) = client.data_to_send() {
            writeln!(stdin, "{line}")?;
        }
        stdin.flush()?;
        while let Some(event) = client.next_event() {
            match event {
                Event::Opened(info) => {
                    eprintln!("connected to PowerShell {}", info.powershell_version.as_deref().unwrap_or("?"));
                    client.create_pipeline(&command)?;
                }
                Event::PipelineOutput { value, .. } => {
                    println!("{}", value.display().unwrap_or_else(|| format!("{value:?}")));
                }
                Event::ErrorRecord { record, .. } => {
                    eprintln!("error: {}", psvalue::records::error_record(&record).message);
                }
                Event::PipelineFinished { state, error, .. } => {
                    if let Some(error) = error {
                        eprintln!("terminating error: {}", psvalue::records::error_record(&error).message);
                    }
                    eprintln!("pipeline {state:?}");
                    client.close()?;
                }
                Event::PoolBroken { reason, .. } => return Err(reason.into()),
                Event::Closed => closed = true,
                _ => {}
            }
        }
        if !closed {
            // The caller's clock: give up if PowerShell says nothing for a minute.
            let line = lines.recv_timeout(Duration::from_secs(60))??;
            client.receive_line(&line)?;
        }
    }
    // PowerShell's own client kills the server process once the pool is closed.
    child.kill()?;
    child.wait()?;
    Ok(())
}
