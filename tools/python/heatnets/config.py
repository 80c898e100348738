"""A small stand-in for yacs.config.CfgNode: checkpoints carry it as `config`, so the file holds a foreign
global (`heatnets.config.TrainConfig`) exactly like the official ones (which hold yacs.config.CfgNode)."""


class TrainConfig(dict):
    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError as e:
            raise AttributeError(name) from e
