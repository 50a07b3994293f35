import type { Command } from 'commander';
import { dfCommand } from './df';
import { imagePruneCommand, imageRemoveCommand, imagesCommand } from './images';
import { networkPruneCommand, networkRemoveCommand, networksCommand } from './networks';
import type { PruneOptions } from './resource-cli';
import { volumePruneCommand, volumeRemoveCommand, volumesCommand } from './volumes';

type Collect = (value: string, previous?: string[]) => string[];

interface ListFlags {
  host?: string[];
  json?: boolean;
}

const HOST_HELP = 'only this engine (repeatable; see `bosun hosts`)';
const PRUNE_FORCE = 'remove without asking; without it, only print what would go (and exit 1)';
const FILTER_HELP = 'only objects with this label: label=KEY or label=KEY=VALUE';

/** `bosun images|volumes|networks|df` and `bosun image|volume|network rm|prune`. */
export function registerResourceCommands(program: Command, collect: Collect): void {
  program
    .command('images')
    .description('List images of every connected engine, with how many containers use each.')
    .option('--host <id>', HOST_HELP, collect)
    .option('--json', 'print JSON')
    .action((options: ListFlags) => imagesCommand(options));
  program
    .command('volumes')
    .description('List volumes of every connected engine, with the containers mounting each.')
    .option('-s, --size', 'also show sizes (the engine walks every volume: slow on big ones)')
    .option('--host <id>', HOST_HELP, collect)
    .option('--json', 'print JSON')
    .action((options: ListFlags & { size?: boolean }) => volumesCommand(options));
  program
    .command('networks')
    .description('List networks of every connected engine, with subnets and attached containers.')
    .option('--host <id>', HOST_HELP, collect)
    .option('--json', 'print JSON')
    .action((options: ListFlags) => networksCommand(options));
  program
    .command('df')
    .description('Disk use of every connected engine, like docker system df (slow on big engines).')
    .option('--host <id>', HOST_HELP, collect)
    .option('--json', 'print JSON')
    .action((options: ListFlags) => dfCommand(options));

  const image = program.command('image').description('Remove or prune images.');
  image
    .command('rm <images...>')
    .description('Remove images by id, or names (repo:tag) from images: an image goes with its last name.')
    .option('-f, --force', 'also delete images that stopped containers use or that have several names')
    .option('--host <id>', 'the engine (see `bosun hosts`)')
    .option('--json', 'print JSON: one result per image')
    .action((refs: string[], options: { host?: string; force?: boolean; json?: boolean }) =>
      imageRemoveCommand(refs, options),
    );
  image
    .command('prune')
    .description('Remove dangling images no container uses (-a: every image no container uses).')
    .option('-a, --all', 'also images that have a name')
    .option('--filter <label>', FILTER_HELP, collect)
    .option('-f, --force', PRUNE_FORCE)
    .option('--host <id>', 'the engine (see `bosun hosts`)')
    .option('--json', 'print JSON')
    .action((options: PruneOptions & { all?: boolean }) => imagePruneCommand(options));

  const volume = program.command('volume').description('Remove or prune volumes.');
  volume
    .command('rm <volumes...>')
    .description('Remove volumes (their data is lost); refused while a container mounts one.')
    .option('--host <id>', 'the engine (see `bosun hosts`)')
    .option('--json', 'print JSON: one result per volume')
    .action((names: string[], options: { host?: string; json?: boolean }) =>
      volumeRemoveCommand(names, options),
    );
  volume
    .command('prune')
    .description('Remove anonymous volumes no container uses (-a: named ones too).')
    .option('-a, --all', 'also named volumes')
    .option('--filter <label>', FILTER_HELP, collect)
    .option('-f, --force', PRUNE_FORCE)
    .option('--host <id>', 'the engine (see `bosun hosts`)')
    .option('--json', 'print JSON')
    .action((options: PruneOptions & { all?: boolean }) => volumePruneCommand(options));

  const network = program.command('network').description('Remove or prune networks.');
  network
    .command('rm <networks...>')
    .description('Remove networks (name or id); refused for built-in ones and while containers run on them.')
    .option('--host <id>', 'the engine (see `bosun hosts`)')
    .option('--json', 'print JSON: one result per network')
    .action((refs: string[], options: { host?: string; json?: boolean }) =>
      networkRemoveCommand(refs, options),
    );
  network
    .command('prune')
    .description('Remove networks no running container is attached to.')
    .option('--filter <label>', FILTER_HELP, collect)
    .option('-f, --force', PRUNE_FORCE)
    .option('--host <id>', 'the engine (see `bosun hosts`)')
    .option('--json', 'print JSON')
    .action((options: PruneOptions) => networkPruneCommand(options));
}
